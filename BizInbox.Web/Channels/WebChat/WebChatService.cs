using System.Threading.RateLimiting;
using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.WebChat;

/// <summary>Who a web chat visitor is, once their session token has been checked.</summary>
public sealed record WebChatVisitor(Guid ContactId, int InboxId);

/// <param name="Verified">Whether WhatsApp reports an Official Business Account for the connected number (the badge).</param>
public sealed record WebChatInboxInfo(string BusinessName, string InboxName, string? Greeting, bool Verified = false);

public sealed record WebChatSession(string Token, string ContactName, string BusinessName);

/// <summary>
/// A message as the customer sees it: their own ('in') and the team's replies ('out'), never notes or activities. A
/// message with a file has its caption as text (empty when there is none).
/// </summary>
public sealed record WebChatMessage(
    long Id, string? ClientMessageId, string Direction, string Text, string? SenderName, DateTimeOffset CreatedAt, string Status, WebChatFile? File = null);

/// <summary>
/// The customer's side of web chat. A visitor holds a signed token naming their contact and inbox; every
/// call works only on that contact's conversation in that inbox, so no visitor can reach another's.
/// </summary>
public sealed class WebChatService(
    IDbContextFactory<BizInboxDbContext> contexts,
    IDataProtectionProvider protection,
    LiveSignals signals,
    IAutomaticAnswers automatic,
    IBusinessIdentitySource profiles,
    WebChatFiles files,
    TimeProvider clock) : IDisposable
{
    private const int MaxMessagesPerCall = 200;

    private readonly IDataProtector _tokens = protection.CreateProtector("BizInbox.WebChat.Session.v1");

    // Eight messages in ten seconds is more than any person types; a script is slowed down, nothing is dropped silently.
    private readonly PartitionedRateLimiter<Guid> _sendLimiter = PartitionedRateLimiter.Create<Guid, Guid>(contactId =>
        RateLimitPartition.GetSlidingWindowLimiter(contactId, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = 8, Window = TimeSpan.FromSeconds(10), SegmentsPerWindow = 5, QueueLimit = 0, AutoReplenishment = true,
        }));

    public async Task<WebChatInboxInfo> InboxInfoAsync(string inboxKey, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var inbox = await FindInboxAsync(db, inboxKey, ct);
        var business = await profiles.IdentityAsync(ct);
        return new WebChatInboxInfo(business.Name, inbox.Name, inbox.Greeting, business.Verified);
    }

    public async Task<(WebChatSession Session, WebChatVisitor Visitor)> StartAsync(
        string inboxKey, string name, string? email, string? phone, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var inbox = await FindInboxAsync(db, inboxKey, ct);
        var contact = Contact.Create(name, email, phone, clock.GetUtcNow());
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(ct);
        var visitor = new WebChatVisitor(contact.Id, inbox.Id);
        var business = await db.TheBusiness.Select(b => b.Name).FirstOrDefaultAsync(ct) ?? inbox.Name;
        return (new WebChatSession(_tokens.Protect($"{contact.Id:N}|{inbox.Id}"), contact.Name, business), visitor);
    }

    /// <summary>Checks a token; throws <c>session_invalid</c> when it was forged, or its contact or inbox is gone.</summary>
    public async Task<(WebChatSession Session, WebChatVisitor Visitor)> ResumeAsync(string token, CancellationToken ct = default)
    {
        var visitor = Unprotect(token) ?? throw Invalid();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var contactName = await db.Contacts.Where(c => c.Id == visitor.ContactId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        var inboxName = await db.Inboxes.Where(i => i.Id == visitor.InboxId && i.IsEnabled).Select(i => i.Name).FirstOrDefaultAsync(ct);
        if (contactName is null || inboxName is null)
        {
            throw Invalid();
        }

        var business = await db.TheBusiness.Select(b => b.Name).FirstOrDefaultAsync(ct) ?? inboxName;
        return (new WebChatSession(token, contactName, business), visitor);
    }

    public async Task<IReadOnlyList<WebChatMessage>> MessagesAsync(WebChatVisitor visitor, long? afterId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var conversationId = await CurrentConversationIdAsync(db, visitor, ct);
        if (conversationId is null)
        {
            return [];
        }

        var query = db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && (m.Kind == MessageKind.Incoming || m.Kind == MessageKind.Outgoing));
        if (afterId is { } after)
        {
            query = query.Where(m => m.Id > after).OrderBy(m => m.Id).Take(MaxMessagesPerCall);
        }
        else
        {
            query = query.OrderByDescending(m => m.Id).Take(MaxMessagesPerCall).OrderBy(m => m.Id);
        }

        var rows = await query.Select(m => new { m.Id, m.ClientMessageId, m.Kind, m.Text, m.SenderName, m.CreatedAt, m.Delivery, m.MediaFileId, m.Content })
            .ToListAsync(ct);
        var fileIds = rows.Where(m => m.MediaFileId is not null).Select(m => m.MediaFileId!.Value).ToList();
        Dictionary<Guid, MediaFile> stored = fileIds.Count == 0 ? [] : await db.MediaFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        return rows.Select(m =>
        {
            var file = m.MediaFileId is { } id && stored.TryGetValue(id, out var found) ? files.For(visitor, found) : null;
            var text = file is null ? m.Text : MessageContents.Read<MediaContent>(m.Content)?.Caption ?? string.Empty;
            return new WebChatMessage(m.Id, m.ClientMessageId, m.Kind == MessageKind.Incoming ? "in" : "out", text,
                m.Kind == MessageKind.Outgoing ? m.SenderName : null, m.CreatedAt, StatusOf(m.Delivery), file);
        }).ToList();
    }

    /// <summary>Stores the customer's message once per <paramref name="clientMessageId"/>; starts or reopens their conversation.</summary>
    public async Task<(WebChatMessage Message, long ConversationId)> SendAsync(
        WebChatVisitor visitor, string clientMessageId, string text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(clientMessageId) || clientMessageId.Length > Message.MaxClientMessageIdLength)
        {
            throw new DomainException("message.client_id_invalid", "The message key is missing or too long.");
        }

        Message.ValidText(text);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var existingConversation = await CurrentConversationIdAsync(db, visitor, ct);
        if (existingConversation is { } known && await FindAsync(db, known, clientMessageId, ct) is { } already)
        {
            return (already, known);
        }

        using var lease = _sendLimiter.AttemptAcquire(visitor.ContactId);
        if (!lease.IsAcquired)
        {
            throw new DomainException("message.rate_limited", "Too many messages in a short time.");
        }

        return await ConversationIntake.RetryAsync(() => StoreAsync(visitor, existingConversation, clientMessageId, text, ct));
    }

    /// <summary>
    /// Stores the message on the conversation as it is now; a conflict with an agent's change (resolving it at the same
    /// moment, say) or with the visitor's own first message in another tab runs it again, so no message is dropped.
    /// </summary>
    private async Task<(WebChatMessage Message, long ConversationId)> StoreAsync(
        WebChatVisitor visitor, long? existingConversation, string clientMessageId, string text, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var contact = await db.Contacts.FirstAsync(c => c.Id == visitor.ContactId, ct);
        var conversation = await ConversationIntake.ConversationAsync(db, visitor.InboxId, contact, now, ct);
        if (existingConversation is null && await FindAsync(db, conversation.Id, clientMessageId, ct) is { } raced)
        {
            return (raced, conversation.Id);
        }

        var entries = conversation.ReceiveFromCustomer(text, clientMessageId, now, blocked: contact.IsBlocked);
        db.Messages.AddRange(entries);
        contact.Seen(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // The same message arrived twice at once; the first one stored is the answer to both.
            await using var fresh = await contexts.CreateDbContextAsync(ct);
            return (await FindAsync(fresh, conversation.Id, clientMessageId, ct) ?? throw new DomainException("message.retry", "Please send again."), conversation.Id);
        }

        // A blocked visitor's message is kept, and that is all: nobody hears of it (the conversation records no event)
        // and nothing answers it.
        if (!contact.IsBlocked)
        {
            await automatic.AnswerAsync([entries[^1].Id], ct);
        }

        return ((await FindAsync(db, conversation.Id, clientMessageId, ct))!, conversation.Id);
    }

    /// <summary>
    /// Moves the visitor's team replies up to <paramref name="upToMessageId"/> forward to <paramref name="status"/>
    /// (delivered once their page has them, read once they are on screen); agents see it live.
    /// </summary>
    public async Task AdvanceDeliveryAsync(WebChatVisitor visitor, long upToMessageId, DeliveryStatus status, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.ContactId == visitor.ContactId && c.InboxId == visitor.InboxId)
            .Select(c => new { c.Id, c.InboxId }).FirstOrDefaultAsync(ct);
        if (conversation is null)
        {
            return;
        }

        var replies = await db.Messages
            .Where(m => m.ConversationId == conversation.Id && m.Kind == MessageKind.Outgoing && m.Id <= upToMessageId && m.Delivery < status)
            .OrderByDescending(m => m.Id).Take(MaxMessagesPerCall).ToListAsync(ct);
        var changed = 0;
        foreach (var reply in replies)
        {
            changed += reply.AdvanceDelivery(status) ? 1 : 0;
        }

        if (changed == 0)
        {
            return;
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task<long?> ConversationIdAsync(WebChatVisitor visitor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CurrentConversationIdAsync(db, visitor, ct);
    }

    public void Typing(long conversationId, int inboxId, bool typing) => signals.CustomerTyping(conversationId, inboxId, typing);

    public void Dispose() => _sendLimiter.Dispose();

    // A returning visitor continues their latest conversation in this inbox, resolved or not.
    private static Task<long?> CurrentConversationIdAsync(BizInboxDbContext db, WebChatVisitor visitor, CancellationToken ct) =>
        db.Conversations.Where(c => c.ContactId == visitor.ContactId && c.InboxId == visitor.InboxId)
            .OrderByDescending(c => c.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);

    private static async Task<WebChatMessage?> FindAsync(BizInboxDbContext db, long conversationId, string clientMessageId, CancellationToken ct)
    {
        var m = await db.Messages.AsNoTracking()
            .Where(x => x.ConversationId == conversationId && x.ClientMessageId == clientMessageId && x.Kind == MessageKind.Incoming)
            .Select(x => new { x.Id, x.ClientMessageId, x.Text, x.CreatedAt })
            .FirstOrDefaultAsync(ct);
        return m is null ? null : new WebChatMessage(m.Id, m.ClientMessageId, "in", m.Text, null, m.CreatedAt, "sent");
    }

    private static async Task<Domain.Channels.Inbox> FindInboxAsync(BizInboxDbContext db, string inboxKey, CancellationToken ct) =>
        await db.Inboxes.AsNoTracking().FirstOrDefaultAsync(i => i.PublicKey == inboxKey && i.IsEnabled && i.Channel == Domain.Channels.ChannelType.WebChat, ct)
        ?? throw new DomainException("inbox.not_found", "This chat is not available.");

    private WebChatVisitor? Unprotect(string token)
    {
        try
        {
            var parts = _tokens.Unprotect(token ?? string.Empty).Split('|');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var contactId) && int.TryParse(parts[1], out var inboxId)
                ? new WebChatVisitor(contactId, inboxId)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static DomainException Invalid() => new("session.invalid", "The chat session is not valid.");

    private static string StatusOf(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => "delivered",
        DeliveryStatus.Read => "read",
        DeliveryStatus.Failed => "failed",
        _ => "sent",
    };
}
