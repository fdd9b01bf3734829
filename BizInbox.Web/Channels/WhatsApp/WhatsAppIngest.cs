using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.WhatsApp;

public sealed record IngestResult(int Stored, int Duplicates);

/// <summary>
/// Stores a webhook's changes one message at a time: the fallback of <see cref="WhatsAppBatchWriter"/> when a batch
/// fails, so one bad message never blocks the others. Each message is stored exactly once by WhatsApp's message id
/// (wamid), backed by a unique index, so a webhook delivered twice, even at the same moment, leaves one message.
/// </summary>
public sealed class WhatsAppIngest(
    IDbContextFactory<BizInboxDbContext> contexts, ChannelJobSignal outbox, IAutomaticAnswers automatic, TimeProvider clock)
{
    /// <summary>
    /// A customer's message is never dropped for a conflict: it is stored again on the conversation as it now is
    /// (an agent resolved it a moment before, say), as often as it takes within reason.
    /// </summary>
    private const int ConflictAttempts = 10;

    public async Task<IngestResult> IngestAsync(int inboxId, WhatsAppChange change, CancellationToken ct = default)
    {
        var names = change.Contacts.GroupBy(c => c.WaId).ToDictionary(g => g.Key, g => g.First().Name);
        int stored = 0, duplicates = 0;
        foreach (var message in change.Messages)
        {
            if (await Conflicts.RetryAsync(() => StoreAsync(inboxId, message, names.GetValueOrDefault(message.From), ct), ConflictAttempts))
            {
                stored++;
            }
            else
            {
                duplicates++;
            }
        }

        await Conflicts.RetryAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await WhatsAppInbound.ApplyStatusesAsync(db, inboxId, change.Statuses, ct);
            WhatsAppChannelHealth.Record(db, inboxId, change, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }, ConflictAttempts);

        return new IngestResult(stored, duplicates);
    }

    private async Task<bool> StoreAsync(int inboxId, WhatsAppInboundMessage message, string? profileName, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        if (message.Type == WhatsAppMessageType.Reaction)
        {
            var (unmatched, _) = await WhatsAppInbound.ApplyReactionsAsync(db, inboxId, [message], ct);
            if (unmatched.Count == 0)
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
        }

        if (message.IsNumberChange)
        {
            var (applied, _) = await WhatsAppNumberChanges.ApplyAsync(db, inboxId, [message], now, ct);
            return applied[message];
        }

        var contact = await ContactAsync(db, message.From, profileName, now, ct);
        var conversation = await ConversationAsync(db, inboxId, contact, Conversation.SentTime(message.Timestamp, now), ct);
        if (await db.Messages.AnyAsync(m => m.ConversationId == conversation.Id && m.ClientMessageId == message.Id, ct))
        {
            return false;
        }

        var (text, content) = WhatsAppInbound.Map(message);
        var entries = conversation.ReceiveFromCustomer(text, message.Id, now, content, message.Timestamp, contact.IsBlocked);
        db.Messages.AddRange(entries);
        WhatsAppInbound.QueueMediaFetch(db, inboxId, conversation, entries[^1], now);
        contact.Seen(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            return false; // the same wamid was stored by a concurrent delivery
        }

        if (MessageContents.IsMedia(content.Type))
        {
            outbox.Wake();
        }

        // A blocked customer's message is kept, and that is all: nobody hears of it (the conversation records no event)
        // and nothing answers it.
        if (contact.IsBlocked)
        {
            return true;
        }

        await automatic.AnswerAsync([entries[^1].Id], ct);
        return true;
    }

    private static async Task<Contact> ContactAsync(BizInboxDbContext db, string waId, string? profileName, DateTimeOffset now, CancellationToken ct)
    {
        var contact = (await WhatsAppContacts.FindOrAddAsync(db, [(waId, profileName)], now, ct))[waId];
        try
        {
            await db.SaveChangesAsync(ct);
            return contact;
        }
        catch (DbUpdateException)
        {
            // A concurrent delivery created the contact first.
            db.ChangeTracker.Clear();
            return (await WhatsAppContacts.FindOrAddAsync(db, [(waId, profileName)], now, ct))[waId];
        }
    }

    private static async Task<Conversation> ConversationAsync(BizInboxDbContext db, int inboxId, Contact contact, DateTimeOffset startedAt, CancellationToken ct)
    {
        var contactId = contact.Id;
        var existing = await db.Conversations.FirstOrDefaultAsync(c => c.ContactId == contactId && c.InboxId == inboxId, ct);
        if (existing is not null)
        {
            return existing;
        }

        var conversation = Conversation.Start(inboxId, contactId, startedAt, contact.IsBlocked);
        db.Conversations.Add(conversation);
        try
        {
            await db.SaveChangesAsync(ct);
            return conversation;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.Conversations.FirstAsync(c => c.ContactId == contactId && c.InboxId == inboxId, ct);
        }
    }
}
