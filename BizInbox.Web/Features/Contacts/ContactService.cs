using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Contacts;

/// <summary>
/// The contact records: every member of the team (agents too) lists, reads and edits them and writes notes; a note is
/// deleted by its author or an owner or manager. Every call names the acting member, whose role is read from the database.
/// </summary>
public sealed partial class ContactService(IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock)
{
    /// <summary>How many conversations the contact page lists (a customer has one per inbox, so this is generous).</summary>
    public const int TimelineSize = 200;

    /// <summary>One page of contacts, filtered, sorted and counted in the database; their channels in one more query for the page.</summary>
    public async Task<ContactList> PageAsync(CurrentMember actor, ContactQuery query, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        var contacts = await AttributeFiltering.ApplyAsync(db, Filtered(db, query), query.Attributes, ct);
        var total = await contacts.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, ContactQuery.MaxPageSize);
        var skip = Math.Max(0, query.Page) * size;
        var rows = await PageRowsAsync(db, contacts, query, skip, size, query.IsFiltered ? total : null, ct);
        var ids = rows.Select(r => r.Id).ToList();
        var labels = await LabelsOfAsync(db, ids, ct);
        var channels = (await (
                from conversation in db.Conversations
                where ids.Contains(conversation.ContactId)
                join inbox in db.Inboxes on conversation.InboxId equals inbox.Id
                select new { conversation.ContactId, inbox.Channel }).Distinct().ToListAsync(ct))
            .ToLookup(c => c.ContactId, c => c.Channel);
        return new ContactList(
            [.. rows.Select(r => new ContactRow(r.Id, r.Name, r.Email, PhoneNumber.Display(r.Phone, null), r.Company, r.CreatedAt, r.LastSeenAt,
                [.. channels[r.Id].Order()], labels[r.Id].ToList(), r.IsBlocked, r.IsSpam))],
            total);
    }

    private sealed record ListedContact(
        Guid Id, string Name, string? Email, string? Phone, string? Company, DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt, bool IsBlocked, bool IsSpam);

    private static async Task<IReadOnlyList<ListedContact>> PageRowsAsync(
        BizInboxDbContext db, IQueryable<Contact> contacts, ContactQuery query, int skip, int size, int? filtered, CancellationToken ct)
    {
        if (query is { Sort: ContactSort.Attribute, SortAttributeId: { } attributeId })
        {
            var ids = await AttributeSorting.PageAsync(db, contacts, attributeId, query.Descending, skip, size, filtered, ct);
            var found = (await Listed(db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id))).ToListAsync(ct)).ToDictionary(r => r.Id);
            return [.. ids.Where(found.ContainsKey).Select(id => found[id])];
        }

        return await Listed(Sorted(db, contacts, query).Skip(skip).Take(size)).ToListAsync(ct);
    }

    private static IQueryable<ListedContact> Listed(IQueryable<Contact> contacts) =>
        contacts.Select(c => new ListedContact(c.Id, c.Name, c.Email, c.Phone, c.Company, c.CreatedAt, c.LastSeenAt, c.IsBlocked, c.IsSpam));

    public async Task<ContactRecord> GetAsync(CurrentMember actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        var c = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw NotFound();
        return new ContactRecord(c.Id, c.Name, c.Email, c.Phone, c.Company, c.Language, c.CreatedAt, c.LastSeenAt);
    }

    /// <summary>Saves what a member typed; a refused field leaves the whole record as it was.</summary>
    public async Task UpdateAsync(CurrentMember actor, Guid id, ContactInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw NotFound();
        contact.UpdateRecord(input.Name, input.Email, input.Phone, input.Company, input.Language);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The contact's notes, newest first.</summary>
    public async Task<IReadOnlyList<ContactNoteRow>> NotesAsync(CurrentMember actor, Guid contactId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.SeeContacts, ct);
        var notes = await (
                from note in db.ContactNotes.AsNoTracking()
                where note.ContactId == contactId
                join author in db.Users on note.AuthorId equals author.Id
                orderby note.CreatedAt descending, note.Id descending
                select new { Note = note, author.DisplayName })
            .ToListAsync(ct);
        return [.. notes.Select(n => new ContactNoteRow(n.Note.Id, n.DisplayName, n.Note.Text, n.Note.CreatedAt, n.Note.CanBeDeletedBy(me.Id, me.Role)))];
    }

    public async Task<long> AddNoteAsync(CurrentMember actor, Guid contactId, string text, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.SeeContacts, ct);
        if (!await db.Contacts.AnyAsync(c => c.Id == contactId, ct))
        {
            throw NotFound();
        }

        var note = ContactNote.Write(contactId, me.Id, text, clock.GetUtcNow());
        db.ContactNotes.Add(note);
        await db.SaveChangesAsync(ct);
        return note.Id;
    }

    public async Task DeleteNoteAsync(CurrentMember actor, long noteId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.SeeContacts, ct);
        var note = await db.ContactNotes.FirstOrDefaultAsync(n => n.Id == noteId, ct)
            ?? throw new DomainException("contact.note_not_found", "This note does not exist (any more).");
        note.EnsureCanBeDeletedBy(me.Id, me.Role);
        db.ContactNotes.Remove(note);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The contact's conversations on every channel, the latest activity first.</summary>
    public async Task<IReadOnlyList<ContactConversationRow>> ConversationsAsync(CurrentMember actor, Guid contactId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        return await (
                from conversation in db.Conversations.AsNoTracking()
                where conversation.ContactId == contactId
                join inbox in db.Inboxes on conversation.InboxId equals inbox.Id
                orderby conversation.LastActivityAt descending, conversation.Id descending
                select new ContactConversationRow(conversation.Id, inbox.Channel, inbox.Name, conversation.Status,
                    conversation.LastMessagePreview, conversation.LastActivityAt))
            .Take(TimelineSize)
            .ToListAsync(ct);
    }

    internal static IQueryable<Contact> Filtered(BizInboxDbContext db, ContactQuery query)
    {
        var contacts = db.Contacts.AsNoTracking();
        if (query.Search?.Trim() is { Length: > 0 } search)
        {
            var lower = search.ToLowerInvariant();
            // Contains, not equality with a parsed number: EF turns "Phone == null-valued parameter" into "Phone IS NULL".
            contacts = ContactSearch.PhoneDigits(search) is { } digits
                ? contacts.Where(c => c.Phone!.Contains(digits) || c.SearchName.Contains(lower))
                : contacts.Where(c => c.SearchName.Contains(lower) || c.Email!.ToLower().Contains(lower));
        }

        if (query.Channel is { } channel)
        {
            // EXISTS probes the (ContactId, InboxId) index; measured twice as fast on SQLite as "Id IN (contacts of those inboxes)".
            var inboxes = db.Inboxes.Where(i => i.Channel == channel).Select(i => i.Id);
            contacts = contacts.Where(c => db.Conversations.Any(v => v.ContactId == c.Id && inboxes.Contains(v.InboxId)));
        }

        if (query.LabelId is { } labelId)
        {
            contacts = contacts.Where(c => db.ContactLabels.Any(l => l.ContactId == c.Id && l.LabelId == labelId));
        }

        contacts = query.Standing switch
        {
            ContactStanding.Blocked => contacts.Where(c => c.IsBlocked),
            ContactStanding.Spam => contacts.Where(c => c.IsSpam),
            _ => contacts,
        };

        if (query.CreatedFrom is { } createdFrom)
        {
            contacts = contacts.Where(c => c.CreatedAt >= createdFrom);
        }

        if (query.CreatedTo is { } createdTo)
        {
            contacts = contacts.Where(c => c.CreatedAt < createdTo);
        }

        if (query.ActiveFrom is { } activeFrom)
        {
            contacts = contacts.Where(c => c.LastSeenAt >= activeFrom);
        }

        if (query.ActiveTo is { } activeTo)
        {
            contacts = contacts.Where(c => c.LastSeenAt < activeTo);
        }

        return contacts;
    }

    // The tie-breaker runs in the same direction as the key, so that one index (key, Id) serves both directions.
    internal static IOrderedQueryable<Contact> Sorted(BizInboxDbContext db, IQueryable<Contact> contacts, ContactQuery query) => (query.Sort, query.Descending) switch
    {
        (ContactSort.Attribute, _) when query.SortAttributeId is { } attributeId => AttributeSorting.Sorted(db, contacts, attributeId, query.Descending),
        (ContactSort.Name, false) => contacts.OrderBy(c => c.SearchName).ThenBy(c => c.Id),
        (ContactSort.Name, true) => contacts.OrderByDescending(c => c.SearchName).ThenByDescending(c => c.Id),
        (ContactSort.Created, false) => contacts.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        (ContactSort.Created, true) => contacts.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        (_, false) => contacts.OrderBy(c => c.LastSeenAt).ThenBy(c => c.Id),
        (_, true) => contacts.OrderByDescending(c => c.LastSeenAt).ThenByDescending(c => c.Id),
    };

    private static DomainException NotFound() => new("contact.not_found", "This contact does not exist (any more).");
}
