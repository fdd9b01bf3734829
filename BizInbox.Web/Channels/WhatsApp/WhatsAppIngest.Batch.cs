using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.WhatsApp;

public sealed partial class WhatsAppIngest
{
    /// <summary>
    /// Stores a batch in one transaction (whose commit publishes what the conversations and messages recorded): reactions
    /// on the messages they react to, number changes, then the customers' messages, then the statuses of agents' messages.
    /// </summary>
    private async Task<IngestedBatch> StoreOnceAsync(IReadOnlyList<(int InboxId, WhatsAppChange Change)> batch, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var stored = new int[batch.Count];
        var duplicates = new int[batch.Count];
        var handled = new HashSet<WhatsAppInboundMessage>();
        foreach (var group in Enumerable.Range(0, batch.Count).GroupBy(i => batch[i].InboxId))
        {
            var reactions = group.SelectMany(i => batch[i].Change.Messages).Where(m => m.Type == WhatsAppMessageType.Reaction).ToList();
            var (unmatched, _) = await WhatsAppInbound.ApplyReactionsAsync(db, group.Key, reactions, ct);
            handled.UnionWith(reactions.Except(unmatched));
            var (notices, _) = await WhatsAppNumberChanges.ApplyAsync(
                db, group.Key, group.SelectMany(i => batch[i].Change.Messages).Where(m => m.IsNumberChange).ToList(), now, ct);
            handled.UnionWith(notices.Keys);
            foreach (var i in group)
            {
                stored[i] += batch[i].Change.Messages.Count(m => handled.Contains(m) && notices.GetValueOrDefault(m, true));
                duplicates[i] += batch[i].Change.Messages.Count(m => notices.TryGetValue(m, out var isNew) && !isNew);
            }
        }

        var messages = Enumerable.Range(0, batch.Count)
            .SelectMany(i => batch[i].Change.Messages.Where(m => !handled.Contains(m)).Select(m => (Index: i, batch[i].InboxId, Message: m))).ToList();
        var contacts = await ConversationIntake.WhatsAppContactsAsync(
            db, messages.Select(x => (x.Message.From, batch[x.Index].Change.Contacts.FirstOrDefault(c => c.WaId == x.Message.From)?.Name)), now, ct);
        var conversations = await ConversationIntake.ConversationsAsync(
            db, messages.Select(x => (x.InboxId, contacts[x.Message.From], Conversation.SentTime(x.Message.Timestamp, now))), ct);

        var wamids = messages.Select(x => x.Message.Id).Distinct().ToList();
        var conversationIds = conversations.Values.Select(c => c.Id).ToList();
        var known = messages.Count == 0 ? [] : (await db.Messages
                .Where(m => conversationIds.Contains(m.ConversationId) && m.ClientMessageId != null && wamids.Contains(m.ClientMessageId))
                .Select(m => new { m.ConversationId, m.ClientMessageId }).ToListAsync(ct))
            .Select(m => (m.ConversationId, m.ClientMessageId!)).ToHashSet();
        var media = false;
        var customerMessages = new List<Message>();
        foreach (var (index, inboxId, message) in messages)
        {
            var contact = contacts[message.From];
            var conversation = conversations[(contact.Id, inboxId)];
            if (!known.Add((conversation.Id, message.Id)))
            {
                duplicates[index]++;
                continue;
            }

            var (text, content) = WhatsAppInbound.Map(message);
            var entries = conversation.ReceiveFromCustomer(text, message.Id, now, content, message.Timestamp, contact.IsBlocked);
            db.Messages.AddRange(entries);
            WhatsAppInbound.QueueMediaFetch(db, inboxId, conversation, entries[^1], now);
            media |= MessageContents.IsMedia(content.Type);
            contact.Seen(now);
            stored[index]++;
            // A blocked customer's message is kept, and that is all: nobody hears of it and nothing answers it.
            if (!contact.IsBlocked)
            {
                customerMessages.Add(entries[^1]);
            }
        }

        // Statuses concern agents' messages stored before this batch, so they go in the same save as its new messages.
        foreach (var group in batch.GroupBy(w => w.InboxId))
        {
            await WhatsAppInbound.ApplyStatusesAsync(db, group.Key, group.SelectMany(w => w.Change.Statuses).ToList(), ct);
        }

        foreach (var (inboxId, change) in batch)
        {
            WhatsAppChannelHealth.Record(db, inboxId, change, now);
        }

        await db.SaveChangesAsync(ct);
        var arrivals = await RecordArrivalAsync(db, batch.Select(w => w.InboxId).Distinct(), now, ct);
        await transaction.CommitAsync(ct);
        arrivals.ForEach(inboxId => _arrivalRecorded[inboxId] = now);
        return new IngestedBatch(
            [.. Enumerable.Range(0, batch.Count).Select(i => new IngestResult(stored[i], duplicates[i]))], media, [.. customerMessages.Select(m => m.Id)]);
    }
}
