using System.Text.Json;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Search;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data.Keeping;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Search;

/// <summary>
/// Finds contacts (name, email, phone number in any notation), their conversations and message text (notes too: the
/// whole team sees them in the inbox), newest first (messages in the order they were indexed, which is the order they
/// were written: see <see cref="SearchBackfill"/>). Only what the asking member may see in the inbox is read, and
/// that rule is part of the SQL, so paging never counts what is then hidden.
/// </summary>
public sealed class SearchService(IDbContextFactory<BizInboxDbContext> contexts)
{
    private const int ContactLimit = 8;
    private const int ConversationLimit = 10;
    private const int MaxContacts = 500;

    /// <summary>
    /// Filters that leave at most this many conversations are read conversations first: their documents are checked
    /// against the words. Walking the matches newest first instead reads every match of a common word before a small
    /// inbox or a combination of filters has filled the page.
    /// </summary>
    internal int NarrowLimit { get; init; } = 2_000;

    public async Task<SearchResults> SearchAsync(CurrentMember principal, SearchRequest request, CancellationToken ct = default)
    {
        var me = (await principal.RequireAsync(TeamRight.WorkInInbox, ct)).AsTeamMember();
        var query = SearchQuery.Parse(request.Text);
        if (query.IsEmpty)
        {
            return SearchResults.Empty(query);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var phone = PhoneOf(query.Raw, await db.TheBusiness.Select(b => b.Country).FirstOrDefaultAsync(ct) ?? "DE");
        var conversations = Visible(db, me.UserId, request);
        // Read once, used by the contact and the conversation lists.
        var contactIds = await MatchingContactIds(db, query, phone).Take(MaxContacts).ToListAsync(ct);

        var contacts = request.HasFilters || contactIds.Count == 0 ? [] : await ContactsAsync(db, contactIds, conversations, ct);
        var conversationHits = contactIds.Count == 0
            ? []
            : await ConversationsAsync(db, Visible(db, me.UserId, request, ByContact(db)).Where(c => contactIds.Contains(c.ContactId)), ct);
        var limit = Math.Clamp(request.Limit, 1, SearchRequest.MaxLimit);
        var messages = await MessagesAsync(db, query, conversations, request, limit + 1, NarrowLimit, ct);
        return new SearchResults(query, contacts, conversationHits, messages.Take(limit).ToList(), messages.Count > limit);
    }

    /// <summary>
    /// The conversations <paramref name="userId"/> may see, narrowed by the filters. Today the inbox shows every
    /// conversation to every active member with a role (see <see cref="TeamDirectory.RequireMemberAsync"/>); were
    /// inboxes ever restricted to their members, this is the one place to say so.
    /// </summary>
    internal static IQueryable<Conversation> Visible(BizInboxDbContext db, string userId, SearchRequest request, IQueryable<Conversation>? source = null)
    {
        var member = db.Users.Where(u => u.Id == userId && u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id));
        var query = (source ?? db.Conversations).AsNoTracking().Where(c => member.Any());
        if (request.InboxId is { } inboxId)
        {
            query = query.Where(c => c.InboxId == inboxId);
        }

        if (request.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (request.LabelId is { } labelId)
        {
            query = query.Where(c => db.ConversationLabels.Any(l => l.ConversationId == c.Id && l.LabelId == labelId));
        }

        if (request.AssigneeId is { } assigneeId)
        {
            query = query.Where(c => c.AssigneeId == assigneeId);
        }

        if (request.From is { } from)
        {
            query = query.Where(c => c.LastActivityAt >= from);
        }

        if (request.Until is { } until)
        {
            query = query.Where(c => c.CreatedAt < until);
        }

        return query;
    }

    /// <summary>
    /// The conversations of the matched contacts, read through the contact's index. Without statistics SQLite takes an
    /// equality on any indexed column for a narrow one, so a status or agent filter made it walk every open (or every
    /// assigned) conversation to find the few of a hundred contacts, hundreds of milliseconds each time.
    /// </summary>
    private static IQueryable<Conversation> ByContact(BizInboxDbContext db) =>
        db.Database.IsSqlite() ? db.Conversations.FromSql($"SELECT * FROM Conversations INDEXED BY IX_Conversations_ContactId_InboxId") : db.Conversations;

    /// <summary>A query that reads as a phone number ("0171 2345678", "+49 (0)171…", "0049…"), in E.164.</summary>
    internal static string? PhoneOf(string raw, string country)
    {
        if (raw.Count(char.IsAsciiDigit) < 5 || raw.Any(c => !char.IsAsciiDigit(c) && " +-/().".IndexOf(c) < 0))
        {
            return null;
        }

        // A national number is read in the business's country.
        return PhoneNumber.TryParse(raw, null, out var number, out _) || PhoneNumber.TryParse(raw, country, out number, out _) ? number.E164 : null;
    }

    private static IQueryable<Guid> MatchingContactIds(BizInboxDbContext db, SearchQuery query, string? phone)
    {
        var byText = MatchingContacts(db, query).Select(d => d.ContactId!.Value);
        if (phone is null)
        {
            return byText;
        }

        // Typed as a number: the contact with exactly that number, plus those whose digits begin with the E.164 digits.
        var byNumber = MatchingContacts(db, SearchQuery.Parse(phone)).Select(d => d.ContactId!.Value);
        return db.Contacts.Where(c => c.Phone == phone).Select(c => c.Id).Union(byText).Union(byNumber);
    }

    /// <summary>
    /// The message documents whose text holds every term of <paramref name="query"/> as a word start, by each database's
    /// full-text index, as one or more ways to read them: the page is read from the first that fills it, or else from the
    /// last, which holds every match (PostgreSQL: see <see cref="PostgresMessageMatch"/>). None when nothing can match.
    /// </summary>
    internal static async Task<IReadOnlyList<IQueryable<SearchDocument>>> MatchingMessagesAsync(BizInboxDbContext db, SearchQuery query, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            return await PostgresMessageMatch.DocumentsAsync(db, query, PostgresMessageMatch.CandidateLimit, ct);
        }

        if (db.Database.IsSqlite())
        {
            var match = query.ToFts5();
            // The id comes from the FTS table: ordered by it, SQLite reads the index newest first and stops at the page's end.
            // CROSS JOIN keeps the FTS table outermost: otherwise a filter on Kind led SQLite to run the MATCH once per document.
            return [db.SearchDocuments.FromSql(
                $"SELECT x.rowid AS Id, d.Kind, d.MessageId, d.ConversationId, d.ContactId, d.CreatedAt, d.Text FROM SearchIndex AS x CROSS JOIN SearchDocuments AS d ON d.Id = x.rowid WHERE SearchIndex MATCH {match} AND d.Kind = 2")];
        }

        return [Like(db, query).Where(d => d.Kind == SearchDocumentKind.Message)];
    }

    /// <summary>
    /// The message documents of <paramref name="conversationIds"/> that hold every term as a word start, read through the
    /// conversations' index so that no database starts from the matches of a common word.
    /// </summary>
    internal static IQueryable<SearchDocument> MatchingMessagesIn(BizInboxDbContext db, SearchQuery query, List<long> conversationIds)
    {
        if (db.Database.IsSqlite())
        {
            // The matches are read once into a set (a lookup per document then); the conversations' index is named, since
            // SQLite would otherwise start from the matches' rowids, every match of a common word.
            var match = query.ToFts5();
            var ids = JsonSerializer.Serialize(conversationIds);
            return db.SearchDocuments.FromSql(
                $"SELECT d.* FROM SearchDocuments AS d INDEXED BY IX_SearchDocuments_ConversationId_CreatedAt WHERE d.ConversationId IN (SELECT value FROM json_each({ids})) AND d.Kind = 2 AND d.Id IN (SELECT rowid FROM SearchIndex WHERE SearchIndex MATCH {match})");
        }

        if (db.Database.IsNpgsql())
        {
            // ts_match_vq is @@ in a form the GIN index does not answer, and MATERIALIZED reads the set before the page is
            // sorted: otherwise the planner walks every document newest first for a page a rare word never fills.
            var ids = conversationIds.ToArray();
            return db.SearchDocuments.FromSql(
                $"WITH m AS MATERIALIZED (SELECT \"Id\", \"Kind\", \"MessageId\", \"ConversationId\", \"ContactId\", \"CreatedAt\", \"Text\" FROM \"SearchDocuments\" WHERE \"ConversationId\" = ANY({ids}) AND \"Kind\" = 2 AND ts_match_vq(\"SearchVector\", to_tsquery('simple', {query.ToTsQuery()}))) SELECT * FROM m");
        }

        return Like(db, query).Where(d => d.Kind == SearchDocumentKind.Message && conversationIds.Contains(d.ConversationId!.Value));
    }

    /// <summary>
    /// The contact documents that hold every term as a word start, from an index of contacts alone (SQLite: the FTS table
    /// over the ContactSearchDocuments view; PostgreSQL: a GIN index limited to contact rows), so that a word found in a
    /// hundred thousand messages costs the contact list nothing.
    /// </summary>
    internal static IQueryable<SearchDocument> MatchingContacts(BizInboxDbContext db, SearchQuery query)
    {
        if (db.Database.IsSqlite())
        {
            var match = query.ToFts5();
            return db.SearchDocuments.FromSql(
                $"SELECT d.* FROM ContactSearchIndex AS x CROSS JOIN SearchDocuments AS d ON d.Id = x.rowid WHERE ContactSearchIndex MATCH {match}");
        }

        if (db.Database.IsNpgsql())
        {
            var tsQuery = query.ToTsQuery();
            return db.SearchDocuments.FromSql(
                $"SELECT \"Id\", \"Kind\", \"MessageId\", \"ConversationId\", \"ContactId\", \"CreatedAt\", \"Text\" FROM \"SearchDocuments\" WHERE \"Kind\" = 1 AND \"SearchVector\" @@ to_tsquery('simple', {tsQuery})");
        }

        return Like(db, query).Where(d => d.Kind == SearchDocumentKind.Contact);
    }

    /// <summary>SQL Server: no full-text catalog is assumed; every term must begin a word of the folded text.</summary>
    private static IQueryable<SearchDocument> Like(BizInboxDbContext db, SearchQuery query)
    {
        var documents = db.SearchDocuments.AsQueryable();
        foreach (var pattern in query.ToLikePatterns())
        {
            documents = documents.Where(d => EF.Functions.Like(d.Text, pattern));
        }

        return documents;
    }

    private static async Task<List<ContactHit>> ContactsAsync(
        BizInboxDbContext db, List<Guid> contactIds, IQueryable<Conversation> conversations, CancellationToken ct) =>
        await db.Contacts.AsNoTracking()
            .Where(c => contactIds.Contains(c.Id))
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Take(ContactLimit)
            .Select(c => new ContactHit(c.Id, c.Name, c.Email, c.Phone,
                conversations.Where(v => v.ContactId == c.Id).OrderByDescending(v => v.LastActivityAt).Select(v => (long?)v.Id).FirstOrDefault()))
            .ToListAsync(ct);

    private static async Task<List<ConversationHit>> ConversationsAsync(BizInboxDbContext db, IQueryable<Conversation> conversations, CancellationToken ct) =>
        await (
            from c in conversations.OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id).Take(ConversationLimit)
            join contact in db.Contacts on c.ContactId equals contact.Id
            join inbox in db.Inboxes on c.InboxId equals inbox.Id
            from assignee in db.Users.Where(u => u.Id == c.AssigneeId).DefaultIfEmpty()
            orderby c.LastActivityAt descending, c.Id descending
            select new ConversationHit(
                c.Id, contact.Name, inbox.Name, c.Status, assignee == null ? null : assignee.DisplayName, c.LastActivityAt, c.LastMessagePreview))
            .ToListAsync(ct);

    private static async Task<List<MessageHit>> MessagesAsync(
        BizInboxDbContext db, SearchQuery query, IQueryable<Conversation> conversations, SearchRequest request, int take, int narrowLimit, CancellationToken ct)
    {
        if (request.HasFilters)
        {
            var ids = await conversations.Select(c => c.Id).Take(narrowLimit + 1).ToListAsync(ct);
            if (ids.Count <= narrowLimit)
            {
                // The ids passed the filters and the member's visibility; joined again with those, the planner would
                // start from the conversations (a large inbox's every one) rather than from the ids.
                return ids.Count == 0 ? [] : await MessagePageAsync(db, MatchingMessagesIn(db, query, ids), db.Conversations.AsNoTracking(), request, take, ct);
            }
        }

        var page = new List<MessageHit>();
        foreach (var documents in await MatchingMessagesAsync(db, query, ct))
        {
            page = await MessagePageAsync(db, documents, conversations, request, take, ct);
            if (page.Count == take)
            {
                break;
            }
        }

        return page;
    }

    private static async Task<List<MessageHit>> MessagePageAsync(
        BizInboxDbContext db, IQueryable<SearchDocument> documents, IQueryable<Conversation> conversations, SearchRequest request, int take, CancellationToken ct)
    {
        if (request.From is { } from)
        {
            documents = documents.Where(d => d.CreatedAt >= from);
        }

        if (request.Until is { } until)
        {
            documents = documents.Where(d => d.CreatedAt < until);
        }

        return await (
            from d in documents
            join c in conversations on d.ConversationId equals c.Id
            join m in db.Messages on d.MessageId equals m.Id
            join contact in db.Contacts on c.ContactId equals contact.Id
            join inbox in db.Inboxes on c.InboxId equals inbox.Id
            orderby d.Id descending
            select new MessageHit(m.Id, c.Id, contact.Name, inbox.Name, m.Kind, m.Text, m.SenderName, m.CreatedAt))
            .Take(take).AsNoTracking().ToListAsync(ct);
    }
}
