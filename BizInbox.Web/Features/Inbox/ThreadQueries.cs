using System.Linq.Expressions;
using BizInbox.Domain;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Features.Labels;

namespace BizInbox.Web.Features.Inbox;

public sealed record ThreadMessage(
    long Id, MessageKind Kind, string Text, string? SenderName, string? SenderUserId, DateTimeOffset CreatedAt,
    DeliveryStatus Delivery, ActivityKind Activity, string? ActivityTarget,
    MessageContentType ContentType = MessageContentType.Text, string? Content = null, string? ExternalId = null,
    string? DeliveryError = null, string? CustomerReaction = null, Guid? MediaFileId = null,
    AutomaticMessageKind Automatic = AutomaticMessageKind.None, string? ReplyToExternalId = null, MessageQuote? Quote = null,
    AdReferral? Referral = null);

/// <summary>
/// The message a customer's message answers, as its quote shows it; <paramref name="MessageId"/> is null when that
/// message is not in this conversation (sent before it existed, or from elsewhere).
/// </summary>
public sealed record MessageQuote(long? MessageId, MessageKind Kind, MessageContentType ContentType, string Text, string? Content, string? SenderName);

/// <summary>What can change on a message after it was written: its delivery, a failure's reason, the customer's reaction, its fetched file.</summary>
public sealed record MessageState(DeliveryStatus Delivery, string? DeliveryError, string? CustomerReaction, Guid? MediaFileId);

/// <summary>A place in the thread: a message's time, and its id for messages written at the same instant.</summary>
public readonly record struct ThreadCursor(DateTimeOffset At, long Id)
{
    public static ThreadCursor Of(ThreadMessage message) => new(message.CreatedAt, message.Id);

    /// <summary>Thread order: by time, then by id.</summary>
    public static int Compare(ThreadMessage a, ThreadMessage b) =>
        a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : a.Id.CompareTo(b.Id);

    /// <summary>
    /// Puts a message that arrived in its place in <paramref name="thread"/>; one sent before the oldest loaded comes with
    /// the older pages instead (<paramref name="hasOlder"/>). One already there is replaced: two reloads that overlap (the
    /// view's own once it listens, and a live change's) bring the same message, and a second copy breaks the view.
    /// </summary>
    public static void Place(List<ThreadMessage> thread, ThreadMessage message, bool hasOlder)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(message);
        var existing = thread.FindIndex(m => m.Id == message.Id);
        if (existing >= 0)
        {
            thread[existing] = message;
            return;
        }

        var index = thread.FindLastIndex(m => Compare(m, message) < 0) + 1;
        if (index > 0 || !hasOlder)
        {
            thread.Insert(index, message);
        }
    }
}

public sealed record ThreadPage(IReadOnlyList<ThreadMessage> Messages, bool HasOlder);

public sealed record ConversationHeader(
    long Id, int InboxId, string InboxName, ChannelType Channel, Guid ContactId, string ContactName, string? ContactEmail,
    string? ContactPhone, DateTimeOffset ContactSince, ConversationStatus Status, DateTimeOffset? SnoozedUntil,
    ConversationPriority Priority, string? AssigneeId, string? AssigneeName, IReadOnlyList<LabelChip> Labels,
    DateTimeOffset CreatedAt, DateTimeOffset? WaitingSince, int OtherConversations, DateTimeOffset? LastCustomerMessageAt = null,
    string? ContactCompany = null, AdReferral? FirstReferral = null, bool ChannelDisconnected = false);

/// <summary>One conversation: its header and contact panel, and its timeline page by page (newest first in the database, oldest first on screen).</summary>
public sealed class ThreadQueries(IDbContextFactory<BizInboxDbContext> contexts, ConversationChannels channels)
{
    public const int PageSize = 50;

    public async Task<ConversationHeader> HeaderAsync(long conversationId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateOpenDbContextAsync(ct);
        var row = await (
            from c in db.Conversations.AsNoTracking()
            where c.Id == conversationId
            join contact in db.Contacts on c.ContactId equals contact.Id
            join inbox in db.Inboxes on c.InboxId equals inbox.Id
            from assignee in db.Users.Where(u => u.Id == c.AssigneeId).DefaultIfEmpty()
            select new
            {
                c.Id, c.InboxId, InboxName = inbox.Name, inbox.Channel, c.ContactId, ContactName = contact.Name, contact.Email, contact.Phone, contact.Company,
                ContactSince = contact.CreatedAt, c.LastCustomerMessageAt, c.Status, c.SnoozedUntil, c.Priority, c.AssigneeId,
                AssigneeName = assignee == null ? null : assignee.DisplayName, c.CreatedAt, c.WaitingSince,
                Others = db.Conversations.Count(o => o.ContactId == c.ContactId && o.Id != c.Id),
            }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("conversation.not_found", "This conversation does not exist.");
        var labels = await InboxQueries.LabelsOfAsync(db, [conversationId], ct);
        // Where the customer first came from: the ad or post of the earliest message that had one, in any of their conversations.
        var firstReferral = await (from m in db.Messages.AsNoTracking()
                                   join c in db.Conversations on m.ConversationId equals c.Id
                                   where c.ContactId == row.ContactId && m.Referral != null
                                   orderby m.CreatedAt, m.Id
                                   select m.Referral).FirstOrDefaultAsync(ct);
        return new ConversationHeader(
            row.Id, row.InboxId, row.InboxName, row.Channel, row.ContactId, row.ContactName, row.Email, row.Phone, row.ContactSince,
            row.Status, row.SnoozedUntil, row.Priority, row.AssigneeId, row.AssigneeName, labels.GetValueOrDefault(row.Id, []),
            row.CreatedAt, row.WaitingSince, row.Others, row.LastCustomerMessageAt, row.Company, firstReferral,
            await channels.For(row.Channel).IsDisconnectedAsync(db, row.InboxId, ct));
    }

    /// <summary>
    /// The newest page, or the page before <paramref name="before"/>; oldest first. The thread is in the order messages
    /// were written (a customer's by WhatsApp's time of sending), the id breaking ties, so a late webhook sorts in place.
    /// </summary>
    public async Task<ThreadPage> MessagesAsync(long conversationId, ThreadCursor? before, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId);
        if (before is { } cursor)
        {
            query = query.Where(m => m.CreatedAt < cursor.At || (m.CreatedAt == cursor.At && m.Id < cursor.Id));
        }

        var rows = await WithQuotesAsync(db, conversationId,
            await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(PageSize + 1).Select(ToThreadMessage).ToListAsync(ct), ct);
        var hasOlder = rows.Count > PageSize;
        var page = rows.Take(PageSize).ToList();
        page.Reverse();
        return new ThreadPage(page, hasOlder);
    }

    /// <summary>
    /// The changeable state (delivery, failure reason, reaction, fetched file) of customer and team messages from
    /// <paramref name="fromMessageId"/> on.
    /// </summary>
    public async Task<Dictionary<long, MessageState>> StatesAsync(long conversationId, long fromMessageId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && (m.Kind == MessageKind.Outgoing || m.Kind == MessageKind.Incoming) && m.Id >= fromMessageId)
            .Select(m => new { m.Id, State = new MessageState(m.Delivery, m.DeliveryError, m.CustomerReaction, m.MediaFileId) })
            .ToDictionaryAsync(m => m.Id, m => m.State, ct);
    }

    /// <summary>
    /// Messages stored after <paramref name="afterMessageId"/> (what arrived since the screen last looked), in the order
    /// they arrived; the screen puts each in its place by <see cref="ThreadCursor.Compare"/>.
    /// </summary>
    public async Task<IReadOnlyList<ThreadMessage>> NewerAsync(long conversationId, long afterMessageId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await WithQuotesAsync(db, conversationId, await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Id > afterMessageId)
            .OrderBy(m => m.Id).Take(500)
            .Select(ToThreadMessage).ToListAsync(ct), ct);
    }

    /// <summary>Adds to each reply the quote of the message it answers, looked up by the channel's id within the conversation.</summary>
    private static async Task<List<ThreadMessage>> WithQuotesAsync(BizInboxDbContext db, long conversationId, List<ThreadMessage> rows, CancellationToken ct)
    {
        var answered = rows.Select(m => m.ReplyToExternalId).OfType<string>().Distinct().ToList();
        if (answered.Count == 0)
        {
            return rows;
        }

        var quoted = (await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == conversationId && m.ExternalId != null && answered.Contains(m.ExternalId))
                .Select(m => new { m.ExternalId, Quote = new MessageQuote(m.Id, m.Kind, m.ContentType, m.Text, m.Content, m.SenderName) })
                .ToListAsync(ct))
            .GroupBy(m => m.ExternalId!).ToDictionary(g => g.Key, g => g.First().Quote);
        return rows.Select(m => m.ReplyToExternalId is { } id
            ? m with { Quote = quoted.GetValueOrDefault(id) ?? new MessageQuote(null, MessageKind.Outgoing, MessageContentType.Text, string.Empty, null, null) }
            : m).ToList();
    }

    private static readonly Expression<Func<Message, ThreadMessage>> ToThreadMessage = m => new ThreadMessage(
        m.Id, m.Kind, m.Text, m.SenderName, m.SenderUserId, m.CreatedAt, m.Delivery, m.Activity, m.ActivityTarget,
        m.ContentType, m.Content, m.ExternalId, m.DeliveryError, m.CustomerReaction, m.MediaFileId, m.Automatic, m.ReplyToExternalId, null, m.Referral);
}
