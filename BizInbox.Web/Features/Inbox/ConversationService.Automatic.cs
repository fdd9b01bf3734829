using BizInbox.Domain.Scheduling;
using BizInbox.Web.Channels;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Inbox;

public sealed partial class ConversationService
{
    /// <summary>
    /// Sends an automatic message the way an agent's reply goes (the outbox on WhatsApp, the live relay on web chat),
    /// at most once per <see cref="AutomaticMessagePlan.Key"/>: the message's unique key refuses a second one even when
    /// two deliveries decide at the same moment. Returns the message's id, or null when nothing was sent.
    /// </summary>
    public Task<long?> SendAutomaticAsync(long conversationId, AutomaticMessagePlan plan, CancellationToken ct = default) =>
        Conflicts.RetryAsync(() => SendAutomaticOnceAsync(conversationId, plan, ct));

    private async Task<long?> SendAutomaticOnceAsync(long conversationId, AutomaticMessagePlan plan, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await FindByClientIdAsync(db, conversationId, plan.Key, ct) is not null)
        {
            return null;
        }

        var conversation = await LoadAsync(db, conversationId, ct);
        var channel = await ChannelOfAsync(db, conversation.InboxId, ct);
        var now = clock.GetUtcNow();
        if (!channel.Offer(conversation.LastCustomerMessageAt, now).Takes(ReplyKind.Text))
        {
            return null; // outside WhatsApp's 24-hour window it would be refused
        }

        var message = conversation.SendAutomatic(plan.Kind, plan.Text, plan.Key, now, queued: channel.QueuesReplies);
        db.Messages.Add(message);
        channel.Enqueue(db, conversation, message, now);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            logger.LogInformation("The {Kind} message of conversation {ConversationId} was already sent for this period", plan.Kind, conversationId);
            return null;
        }

        channel.Deliver();
        return message.Id;
    }
}
