using System.Collections.Concurrent;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Features.WebChat;

/// <summary>
/// Tells the team once per flood, not once per refused call: the first refusal for an address opens a conversation
/// in the web chat inbox whose only entry says what was refused; later refusals within the notice interval add nothing.
/// </summary>
public sealed class WebChatFloodNotice(
    IDbContextFactory<BizInboxDbContext> contexts,
    IOptions<WebChatLimitsOptions> options,
    TimeProvider clock,
    ILogger<WebChatFloodNotice> logger)
{
    public const string ContactName = "Web chat protection";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _noticed = new(StringComparer.Ordinal);

    public Task RefusedAsync(string inboxKey, string address, CancellationToken ct = default) =>
        RecordAsync(address, db => db.Inboxes.Where(i => i.PublicKey == inboxKey).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct), ct);

    public Task RefusedAsync(int inboxId, string address, CancellationToken ct = default) =>
        RecordAsync(address, _ => Task.FromResult<int?>(inboxId), ct);

    private async Task RecordAsync(string address, Func<BizInboxDbContext, Task<int?>> inboxOf, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var first = false;
        _noticed.AddOrUpdate(address, _ => { first = true; return now; }, (_, last) =>
        {
            first = now - last >= options.Value.FloodNoticeInterval;
            return first ? now : last;
        });
        if (!first)
        {
            return;
        }

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
