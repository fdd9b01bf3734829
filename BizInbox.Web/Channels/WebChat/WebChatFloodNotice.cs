using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using BizInbox.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Channels.WebChat;

/// <summary>
/// Tells the team once per flood, not once per refused call: the first refusal for an address opens a conversation
/// in the web chat inbox whose only entry says what was refused; later refusals within the notice interval add nothing,
/// on any server (the interval is counted by <see cref="IWindowLimits"/>: in Redis with several servers).
/// </summary>
public sealed class WebChatFloodNotice(
    IDbContextFactory<BizInboxDbContext> contexts,
    IOptions<WebChatLimitsOptions> options,
    IWindowLimits noticed,
    TimeProvider clock,
    ILogger<WebChatFloodNotice> logger)
{
    public const string ContactName = "Web chat protection";

    /// <summary>The window limit that lets one notice per address and interval through.</summary>
    public const string NoticeLimit = "webchat-flood-notice";

    public Task RefusedAsync(string inboxKey, string address, CancellationToken ct = default) =>
        RecordAsync(address, db => db.Inboxes.Where(i => i.PublicKey == inboxKey).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct), ct);

    public Task RefusedAsync(int inboxId, string address, CancellationToken ct = default) =>
        RecordAsync(address, _ => Task.FromResult<int?>(inboxId), ct);

    private async Task RecordAsync(string address, Func<BizInboxDbContext, Task<int?>> inboxOf, CancellationToken ct)
    {
        if (!noticed.TryAcquire(NoticeLimit, address, 1, options.Value.FloodNoticeInterval))
        {
            return;
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await inboxOf(db) is not { } inboxId)
        {
            return;
        }

        var contact = Contact.Create(ContactName, null, null, now);
        db.Contacts.Add(contact);
        var conversation = Conversation.Start(inboxId, contact.Id, now);
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        db.Messages.Add(conversation.RecordRefusedFlood(address, now));
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Web chat refused a flood from {Address} (inbox {InboxId}); conversation {ConversationId} tells the team",
            address, inboxId, conversation.Id);
    }
}
