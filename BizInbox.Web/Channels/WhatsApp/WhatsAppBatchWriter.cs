using System.Threading.Channels;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>
/// Group commit for webhooks: requests hand their messages to one writer, which stores everything waiting in a
/// single transaction and then releases each request to answer 200. SQLite has one writer anyway; one transaction
/// per batch instead of several per message is what lets ingest keep up with WhatsApp's rate. If a batch fails,
/// its messages are stored one by one (<see cref="WhatsAppIngest"/>), so a bad message never blocks the others.
/// </summary>
public sealed class WhatsAppBatchWriter(
    IDbContextFactory<BizInboxDbContext> contexts, WhatsAppIngest fallback, Outbox.ChannelJobSignal outbox,
    IAutomaticAnswers automatic, TimeProvider clock,
    ILogger<WhatsAppBatchWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 500;

    private readonly Channel<Work> _work = Channel.CreateBounded<Work>(new BoundedChannelOptions(10_000) { SingleReader = true });

    private readonly Dictionary<int, DateTimeOffset> _arrivalRecorded = [];

    private sealed record Work(int InboxId, WhatsAppChange Change, TaskCompletionSource<IngestResult> Done);

    /// <summary>Stores the change's messages; completes once they are committed.</summary>
    public async Task<IngestResult> IngestAsync(int inboxId, WhatsAppChange change, CancellationToken ct)
    {
        var work = new Work(inboxId, change, new TaskCompletionSource<IngestResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _work.Writer.WriteAsync(work, ct);
        return await work.Done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// The writer runs on a thread of its own: SQLite's calls are synchronous, so on the pool it would hold a pool thread
    /// whenever webhooks arrive (half of a two-core server's minimum), and the requests it answers would wait for another.
    /// </summary>
    /// <remarks>
    /// Blocking is safe here: the thread is the writer's alone and has no synchronization context. The stopping token goes
    /// to the task too, so that stopping ends it as cancelled rather than failed (the host logs a failed one as an error).
    /// </remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => WriteLoop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void WriteLoop(CancellationToken stoppingToken)
    {
        var batch = new List<Work>(MaxBatch);

        // Waiting blocks this thread rather than awaiting: an await would resume the loop on a pool thread.
        while (_work.Reader.WaitToReadAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _work.Reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            WriteAsync(batch, stoppingToken).GetAwaiter().GetResult();
        }
    }

    private async Task WriteAsync(List<Work> batch, CancellationToken stoppingToken)
    {
        try
        {
            var (media, customerMessages) = await StoreBatchAsync(batch, stoppingToken);
            if (media)
            {
                outbox.Wake();
            }

            await automatic.AnswerAsync(customerMessages, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Whatever failed the batch (a bad value, a constraint, a bug), the others' messages must not go with it:
            // each request is stored on its own, and only one that cannot be stored at all answers with an error
            // (Meta then delivers it again). A 200 always means committed.
            logger.LogWarning(ex, "A batch of {Count} webhook changes failed ({Reason}); storing them one by one", batch.Count, ex.GetType().Name);
            foreach (var work in batch)
            {
                try
                {
                    work.Done.TrySetResult(await fallback.IngestAsync(work.InboxId, work.Change, stoppingToken));
                }
                catch (Exception inner)
                {
                    logger.LogError(inner, "A WhatsApp webhook change for inbox {InboxId} could not be stored; Meta will deliver it again", work.InboxId);
                    work.Done.TrySetException(inner);
                }
            }
        }
    }

    /// <summary>
    /// Notes when webhooks last arrived for each number, at most every ten seconds, in the batch's own transaction: a write
    /// of its own would wait for SQLite's write lock, which this writer holds most of the time under load, and make the
    /// next batch wait in turn.
    /// </summary>
    private async Task RecordArrivalAsync(BizInboxDbContext db, IEnumerable<int> inboxIds, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var inboxId in inboxIds)
        {
            if (_arrivalRecorded.TryGetValue(inboxId, out var last) && now - last < TimeSpan.FromSeconds(10))
            {
                continue;
            }

            await db.WhatsAppConnections.Where(w => w.InboxId == inboxId)
                .ExecuteUpdateAsync(w => w.SetProperty(c => c.LastWebhookAt, now), ct);
            _arrivalRecorded[inboxId] = now;
        }
    }

    /// <summary>
    /// Stores a batch in one transaction; completes each request's task after the commit (which publishes what the
    /// conversations and messages recorded). Returns whether media waits to be fetched, and the customer messages stored
    /// (for automatic answers).
    /// </summary>
    private async Task<(bool Media, List<long> CustomerMessages)> StoreBatchAsync(List<Work> batch, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var results = batch.ToDictionary(w => w, _ => (Stored: 0, Duplicates: 0));
        var reactionsApplied = new HashSet<WhatsAppInboundMessage>();
        foreach (var group in batch.GroupBy(w => w.InboxId))
        {
            var reactions = group.SelectMany(w => w.Change.Messages).Where(m => m.Type == WhatsAppMessageType.Reaction).ToList();
            var (unmatched, _) = await WhatsAppInbound.ApplyReactionsAsync(db, group.Key, reactions, ct);
            reactionsApplied.UnionWith(reactions.Except(unmatched));
            foreach (var work in group)
            {
                var applied = work.Change.Messages.Count(reactionsApplied.Contains);
                results[work] = results[work] with { Stored = results[work].Stored + applied };
            }
        }

        var notices = new HashSet<WhatsAppInboundMessage>();
        foreach (var group in batch.GroupBy(w => w.InboxId))
        {
            var (applied, _) = await WhatsAppNumberChanges.ApplyAsync(
                db, group.Key, group.SelectMany(w => w.Change.Messages).Where(m => m.IsNumberChange).ToList(), now, ct);
            notices.UnionWith(applied.Keys);
            foreach (var work in group)
            {
                var mine = work.Change.Messages.Where(applied.ContainsKey).ToList();
                results[work] = (results[work].Stored + mine.Count(m => applied[m]), results[work].Duplicates + mine.Count(m => !applied[m]));
            }
        }

        var messages = batch.SelectMany(w => w.Change.Messages.Where(m => !reactionsApplied.Contains(m) && !notices.Contains(m)).Select(m => (Work: w, Message: m))).ToList();
        var contacts = await WhatsAppContacts.FindOrAddAsync(
            db, messages.Select(x => (x.Message.From, x.Work.Change.Contacts.FirstOrDefault(c => c.WaId == x.Message.From)?.Name)), now, ct);
        // Saves only where new rows need their database ids (new conversations); new contacts have theirs already, and
        // everything else goes in the batch's last save. Each save scans every tracked entity for changes.

        var contactIds = contacts.Values.Select(c => c.Id).ToList();
        var inboxIds = batch.Select(w => w.InboxId).Distinct().ToList();
        var conversations = (await db.Conversations
                .Where(c => contactIds.Contains(c.ContactId) && inboxIds.Contains(c.InboxId)).ToListAsync(ct))
            .ToDictionary(c => (c.ContactId, c.InboxId));
        var started = false;
        foreach (var (work, message) in messages)
        {
            var key = (contacts[message.From].Id, work.InboxId);
            if (!conversations.ContainsKey(key))
            {
                conversations[key] = Conversation.Start(work.InboxId, key.Item1, Conversation.SentTime(message.Timestamp, now), contacts[message.From].IsBlocked);
                db.Conversations.Add(conversations[key]);
                started = true;
            }
        }

        if (started)
        {
            await db.SaveChangesAsync(ct);
        }

        var wamids = messages.Select(x => x.Message.Id).Distinct().ToList();
        var conversationIds = conversations.Values.Select(c => c.Id).ToList();
        var stored = (await db.Messages
                .Where(m => conversationIds.Contains(m.ConversationId) && m.ClientMessageId != null && wamids.Contains(m.ClientMessageId))
                .Select(m => new { m.ConversationId, m.ClientMessageId }).ToListAsync(ct))
            .Select(m => (m.ConversationId, m.ClientMessageId!)).ToHashSet();
        var media = false;
        var customerMessages = new List<Message>();
        foreach (var (work, message) in messages)
        {
            var conversation = conversations[(contacts[message.From].Id, work.InboxId)];
            if (!stored.Add((conversation.Id, message.Id)))
            {
                results[work] = results[work] with { Duplicates = results[work].Duplicates + 1 };
                continue;
            }

            var (text, content) = WhatsAppInbound.Map(message);
            var blocked = contacts[message.From].IsBlocked;
            var entries = conversation.ReceiveFromCustomer(text, message.Id, now, content, message.Timestamp, blocked);
            db.Messages.AddRange(entries);
            WhatsAppInbound.QueueMediaFetch(db, work.InboxId, conversation, entries[^1], now);
            media |= MessageContents.IsMedia(content.Type);
            contacts[message.From].Seen(now);
            results[work] = results[work] with { Stored = results[work].Stored + 1 };
            // A blocked customer's message is kept, and that is all: nobody hears of it and nothing answers it.
            if (!blocked)
            {
                customerMessages.Add(entries[^1]);
            }
        }

        // Statuses concern agents' messages stored before this batch, so they go in the same save as its new messages.
        foreach (var group in batch.GroupBy(w => w.InboxId))
        {
            await WhatsAppInbound.ApplyStatusesAsync(db, group.Key, group.SelectMany(w => w.Change.Statuses).ToList(), ct);
        }

        foreach (var work in batch)
        {
            WhatsAppChannelHealth.Record(db, work.InboxId, work.Change, now);
        }

        await db.SaveChangesAsync(ct);
        await RecordArrivalAsync(db, inboxIds, now, ct);
        await transaction.CommitAsync(ct);
        foreach (var (work, result) in results)
        {
            work.Done.TrySetResult(new IngestResult(result.Stored, result.Duplicates));
        }

        return (media, [.. customerMessages.Select(m => m.Id)]);
    }
}
