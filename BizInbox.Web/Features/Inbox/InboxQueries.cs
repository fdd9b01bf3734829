using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data.Keeping;
using BizInbox.Web.Features.Labels;

namespace BizInbox.Web.Features.Inbox;

public enum InboxTab
{
    Mine,
    Unassigned,
    All,
}

public enum InboxSort
{
    Newest,
    LongestWaiting,
}

public sealed record ConversationFilter(
    InboxTab Tab = InboxTab.Mine,
    ConversationStatus? Status = ConversationStatus.Open,
    int? InboxId = null,
    int? LabelId = null,
    ConversationPriority? Priority = null,
    InboxSort Sort = InboxSort.Newest,
    bool CameViaAd = false)
{
    /// <summary>How many of status, inbox, label, priority and source narrow the list beyond the default (open conversations).</summary>
    public int ActiveFilters => (Status == ConversationStatus.Open ? 0 : 1) + (InboxId is null ? 0 : 1) + (LabelId is null ? 0 : 1) + (Priority is null ? 0 : 1)
                                + (CameViaAd ? 1 : 0);
}

public sealed record ConversationListItem(
    long Id, string ContactName, string Preview, bool PreviewFromCustomer, DateTimeOffset LastActivityAt, DateTimeOffset? WaitingSince,
    ConversationStatus Status, ConversationPriority Priority, string? AssigneeName, string InboxName, IReadOnlyList<LabelChip> Labels,
    int UnreadCount);

public sealed record ConversationPage(IReadOnlyList<ConversationListItem> Items, bool HasMore);

/// <summary>Where a page of a list ended: the sort keys of its last row, from which "load more" reads on.</summary>
public sealed record ListCursor(long Id, DateTimeOffset LastActivityAt, DateTimeOffset? WaitingSince)
{
    public static ListCursor After(ConversationListItem row) => new(row.Id, row.LastActivityAt, row.WaitingSince);
}

public sealed record InboxCounts(int Mine, int Unassigned, int All, int MineUnread, int UnassignedUnread, int AllUnread)
{
    public int UnreadIn(InboxTab tab) => tab switch { InboxTab.Mine => MineUnread, InboxTab.Unassigned => UnassignedUnread, _ => AllUnread };

    public int CountIn(InboxTab tab) => tab switch { InboxTab.Mine => Mine, InboxTab.Unassigned => Unassigned, _ => All };
}

public sealed record InboxOption(int Id, string Name, ChannelType Channel);

/// <summary>
/// What the inbox screens show, as records. Each call runs a fixed number of SQL statements whatever the
/// page size: one for the rows (two when sorted by waiting time and the waiting ones do not fill the page), one for
/// their labels, one for their unread counts.
/// </summary>
public sealed class InboxQueries(IDbContextFactory<BizInboxDbContext> contexts)
{
    public const int PageSize = 50;

    /// <summary>
    /// The first <paramref name="limit"/> conversations of the tab and filter, or with <paramref name="after"/> the
    /// <paramref name="limit"/> that follow that row in the list's order ("load more"): a page further down reads only its
    /// own rows, from where the index walk of the one before stopped, not every row above it again.
    /// </summary>
    public async Task<ConversationPage> ListAsync(
        string viewerId, ConversationFilter filter, int limit, ListCursor? after = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateOpenDbContextAsync(ct);
        var query = ForTab(Filtered(db, filter), filter.Tab, viewerId);
        List<ListRow> rows;
        if (filter.Sort == InboxSort.LongestWaiting)
        {
            // Waiting ones first, then the answered newest first: two index walks instead of sorting every conversation
            // by "is null" (no index serves that expression). The second runs only when the waiting ones do not fill the page.
            // Each bound is written as a range on the index's column ("<=", ">=") and a test of the rows of equal value
            // (by id), so that every provider starts the index walk at the cursor.
            // Resolving ends the wait (nobody owes a resolved conversation a reply, ResponseClock.Resolve; a blocked
            // contact's message leaves the clock alone), so a list of resolved ones has no waiting rows to read. On
            // PostgreSQL the generic plan of that read walked every waiting conversation of the agent's other statuses.
            rows = [];
            var mayWait = filter.Status != ConversationStatus.Resolved;
            if (mayWait && (after is null || after.WaitingSince is not null))
            {
                var waiting = query.Where(c => c.WaitingSince != null);
                if (after?.WaitingSince is { } since)
                {
                    var id = after.Id;
                    waiting = waiting.Where(c => c.WaitingSince >= since && (c.WaitingSince > since || c.Id < id));
                }

                rows = await RowsAsync(db, waiting.OrderBy(c => c.WaitingSince).ThenByDescending(c => c.Id).Take(limit + 1), ct);
            }

            if (rows.Count <= limit)
            {
                var answered = query.Where(c => c.WaitingSince == null);
                if (after is { WaitingSince: null })
                {
                    var id = after.Id;
                    answered = answered.Where(c => c.Id < id);
                }

                rows.AddRange(await RowsAsync(db, answered.OrderByDescending(c => c.Id).Take(limit + 1 - rows.Count), ct));
            }
        }
        else
        {
            if (after is not null)
            {
                var (at, id) = (after.LastActivityAt, after.Id);
                query = query.Where(c => c.LastActivityAt <= at && (c.LastActivityAt < at || c.Id < id));
            }

            rows = await RowsAsync(db, query.OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id).Take(limit + 1), ct);
        }

        return new ConversationPage(await ItemsAsync(db, [.. rows.Take(limit)], viewerId, ct), rows.Count > limit);
    }

    /// <summary>
    /// One conversation as the list's row for the viewer, or null when it is not in the tab and filter: what an open list
    /// needs to patch its page for a change (<see cref="ListPatch"/>). The same statements as a page, for one row.
    /// </summary>
    public async Task<ConversationListItem?> RowAsync(string viewerId, ConversationFilter filter, long conversationId, CancellationToken ct = default) =>
        (await RowsAsync(viewerId, filter, [conversationId], ct)).GetValueOrDefault(conversationId);

    /// <summary>
    /// The list's rows of several conversations for the viewer, by id; a conversation not in the tab and filter has none.
    /// The statements of one page however many: an open list catches up on every change it heard in one read.
    /// </summary>
    public async Task<Dictionary<long, ConversationListItem>> RowsAsync(
        string viewerId, ConversationFilter filter, IReadOnlyCollection<long> conversationIds, CancellationToken ct = default)
    {
        if (conversationIds.Count == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateOpenDbContextAsync(ct);
        var ids = conversationIds.ToList();
        var rows = await RowsAsync(db, ForTab(Filtered(db, filter), filter.Tab, viewerId).Where(c => ids.Contains(c.Id)), ct);
        return rows.Count == 0 ? [] : (await ItemsAsync(db, rows, viewerId, ct)).ToDictionary(r => r.Id);
    }

    private static async Task<List<ConversationListItem>> ItemsAsync(BizInboxDbContext db, List<ListRow> rows, string viewerId, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var labels = await LabelsOfAsync(db, ids, ct);
        var unread = await UnreadCountsAsync(db, ids, viewerId, ct);
        return [.. rows.Select(r => new ConversationListItem(
            r.Id, r.ContactName, r.Preview, r.PreviewFromCustomer, r.LastActivityAt, r.WaitingSince, r.Status, r.Priority,
            r.AssigneeName, r.InboxName, labels.GetValueOrDefault(r.Id, []), unread.GetValueOrDefault(r.Id)))];
    }

    private sealed record ListRow(
        long Id, string ContactName, string Preview, bool PreviewFromCustomer, DateTimeOffset LastActivityAt, DateTimeOffset? WaitingSince,
        ConversationStatus Status, ConversationPriority Priority, string? AssigneeName, string InboxName);

    /// <summary>The rows of an ordered, limited query with what the list shows of their contact, inbox and assignee.</summary>
    private static Task<List<ListRow>> RowsAsync(BizInboxDbContext db, IQueryable<Conversation> page, CancellationToken ct) => (
        from c in page
        join contact in db.Contacts on c.ContactId equals contact.Id
        join inbox in db.Inboxes on c.InboxId equals inbox.Id
        from assignee in db.Users.Where(u => u.Id == c.AssigneeId).DefaultIfEmpty()
        select new ListRow(
            c.Id, contact.Name, c.LastMessagePreview, c.LastMessageFromCustomer, c.LastActivityAt, c.WaitingSince,
            c.Status, c.Priority, assignee == null ? null : assignee.DisplayName, inbox.Name)).AsNoTracking().ToListAsync(ct);

    /// <summary>
    /// Tab counts for the filter (tab ignored), and how many of each hold unread customer messages: from the kept counts
    /// (<see cref="InboxCount"/>) when the filter is one of status and inbox, else counted.
    /// </summary>
    public async Task<InboxCounts> CountsAsync(string viewerId, ConversationFilter filter, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (filter is { LabelId: null, Priority: null, CameViaAd: false } && ReportCountRollup.IsKept(db))
        {
            return await KeptCountsAsync(db, viewerId, filter, ct);
        }

        return await CountFullyAsync(db, viewerId, filter, ct);
    }

    /// <summary>One statement over a few rows per assignee: the kept counts of the filter's statuses and inboxes.</summary>
    private static async Task<InboxCounts> KeptCountsAsync(BizInboxDbContext db, string viewerId, ConversationFilter filter, CancellationToken ct)
    {
        var rows = db.InboxCounts.AsNoTracking().Where(c => c.UserId == InboxCount.Nobody || c.UserId == viewerId);
        if (filter.Status is { } status)
        {
            rows = rows.Where(c => c.Status == status);
        }

        if (filter.InboxId is { } inboxId)
        {
            rows = rows.Where(c => c.InboxId == inboxId);
        }

        var sums = await rows.GroupBy(c => new { c.Kind, c.AssigneeId })
            .Select(g => new { g.Key.Kind, g.Key.AssigneeId, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
        int Sum(InboxCountKind kind, Func<string, bool> assignee) =>
            (int)sums.Where(s => s.Kind == kind && assignee(s.AssigneeId)).Sum(s => s.Count);
        int Unread(Func<string, bool> assignee) =>
            Sum(InboxCountKind.WithCustomerMessages, assignee) - Sum(InboxCountKind.CaughtUp, assignee);
        bool Mine(string a) => a == viewerId;
        bool Nobody(string a) => a == InboxCount.Nobody;
        bool Any(string a) => true;
        return new InboxCounts(
            Sum(InboxCountKind.Conversations, Mine), Sum(InboxCountKind.Conversations, Nobody), Sum(InboxCountKind.Conversations, Any),
            Unread(Mine), Unread(Nobody), Unread(Any));
    }

    /// <summary>Counts the filtered conversations themselves (the kept counts' reference, and filters they do not cover).</summary>
    internal async Task<InboxCounts> CountFullyAsync(string viewerId, ConversationFilter filter, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CountFullyAsync(db, viewerId, filter, ct);
    }

    private static async Task<InboxCounts> CountFullyAsync(BizInboxDbContext db, string viewerId, ConversationFilter filter, CancellationToken ct)
    {
        // One pass over the filtered conversations: unread means a customer message newer than the viewer's last look.
        var rows =
            from c in Filtered(db, filter)
            join r in db.ReadMarkers.Where(r => r.UserId == viewerId) on c.Id equals r.ConversationId into markers
            from r in markers.DefaultIfEmpty()
            select new { c.AssigneeId, Unread = c.LastCustomerMessageAt != null && (r == null || r.ReadUpTo < c.LastCustomerMessageAt) };
        var counts = await rows.GroupBy(_ => 1).Select(g => new InboxCounts(
            g.Count(x => x.AssigneeId == viewerId),
            g.Count(x => x.AssigneeId == null),
            g.Count(),
            g.Count(x => x.Unread && x.AssigneeId == viewerId),
            g.Count(x => x.Unread && x.AssigneeId == null),
            g.Count(x => x.Unread))).ToListAsync(ct);
        return counts.Count > 0 ? counts[0] : new InboxCounts(0, 0, 0, 0, 0, 0);
    }

    public async Task<IReadOnlyList<InboxOption>> InboxesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Inboxes.AsNoTracking().OrderBy(i => i.Name).Select(i => new InboxOption(i.Id, i.Name, i.Channel)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<LabelChip>> LabelsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Labels.AsNoTracking().OrderBy(l => l.Name).Select(l => new LabelChip(l.Id, l.Name, l.Color)).ToListAsync(ct);
    }

    internal static IQueryable<Conversation> Filtered(BizInboxDbContext db, ConversationFilter filter)
    {
        var query = db.Conversations.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.InboxId is { } inboxId)
        {
            query = query.Where(c => c.InboxId == inboxId);
        }

        if (filter.Priority is { } priority)
        {
            query = query.Where(c => c.Priority == priority);
        }

        if (filter.LabelId is { } labelId)
        {
            query = query.Where(c => db.ConversationLabels.Any(l => l.ConversationId == c.Id && l.LabelId == labelId));
        }

        if (filter.CameViaAd)
        {
            // Kept on the row and indexed: found among the messages' referrals, a list with few ad conversations walked
            // every conversation of its tab to fill a page (two seconds at a million). Compared with a parameter: for
            // `c.CameViaAd` (or `== true`) EF writes the bare column, which SQLite cannot look up in an index.
            var cameViaAd = true;
            query = query.Where(c => c.CameViaAd == cameViaAd);
        }

        return query;
    }

    private static IQueryable<Conversation> ForTab(IQueryable<Conversation> query, InboxTab tab, string viewerId) => tab switch
    {
        InboxTab.Mine => query.Where(c => c.AssigneeId == viewerId),
        InboxTab.Unassigned => query.Where(c => c.AssigneeId == null),
        _ => query,
    };

    internal static async Task<Dictionary<long, IReadOnlyList<LabelChip>>> LabelsOfAsync(BizInboxDbContext db, List<long> ids, CancellationToken ct)
    {
        var rows = await (
            from cl in db.ConversationLabels
            where ids.Contains(cl.ConversationId)
            join l in db.Labels on cl.LabelId equals l.Id
            select new { cl.ConversationId, Chip = new LabelChip(l.Id, l.Name, l.Color) }).AsNoTracking().ToListAsync(ct);
        return rows.GroupBy(r => r.ConversationId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LabelChip>)g.Select(r => r.Chip).OrderBy(c => c.Name).ToList());
    }

    private static async Task<Dictionary<long, int>> UnreadCountsAsync(BizInboxDbContext db, List<long> ids, string viewerId, CancellationToken ct)
    {
        var rows = await (
            from m in db.Messages
            where ids.Contains(m.ConversationId) && m.Kind == MessageKind.Incoming
            let lastRead = db.ReadMarkers.Where(r => r.ConversationId == m.ConversationId && r.UserId == viewerId)
                .Select(r => (long?)r.LastReadMessageId).FirstOrDefault() ?? 0L
            where m.Id > lastRead
            group m by m.ConversationId into g
            select new { ConversationId = g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.ToDictionary(r => r.ConversationId, r => r.Count);
    }
}
