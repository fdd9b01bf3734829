using System.Collections.Concurrent;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.WhatsApp;

public sealed record IngestResult(int Stored, int Duplicates);

/// <summary>What a committed batch left to do: the result of each change, whether media waits to be fetched, the customer messages to answer.</summary>
public sealed record IngestedBatch(IReadOnlyList<IngestResult> Results, bool Media, IReadOnlyList<long> CustomerMessages);

/// <summary>
/// The one way webhook changes are stored: a batch of changes in one transaction (<see cref="WhatsAppBatchWriter"/>
/// hands it everything waiting), or one message at a time as batches of one (<see cref="IngestAsync"/>, the fallback
/// when a batch fails, so one bad message never blocks the others). Each message is stored exactly once by WhatsApp's
/// message id (wamid), backed by a unique index: a webhook delivered twice, even at the same moment, leaves one message.
/// </summary>
public sealed partial class WhatsAppIngest(
    IDbContextFactory<BizInboxDbContext> contexts, ChannelJobSignal outbox, IAutomaticAnswers automatic, TimeProvider clock)
{
    private readonly ConcurrentDictionary<int, DateTimeOffset> _arrivalRecorded = [];

    /// <summary>Stores the change one message at a time, then its statuses; returns once all is committed and answered.</summary>
    public async Task<IngestResult> IngestAsync(int inboxId, WhatsAppChange change, CancellationToken ct = default)
    {
        int stored = 0, duplicates = 0;
        foreach (var part in change.Messages.Select(m => change with { Messages = [m], Statuses = [], Errors = [] }).Append(change with { Messages = [] }))
        {
            var batch = await StoreAsync([(inboxId, part)], ConversationIntake.Attempts, ct);
            await AfterCommitAsync(batch, ct);
            stored += batch.Results[0].Stored;
            duplicates += batch.Results[0].Duplicates;
        }

        return new IngestResult(stored, duplicates);
    }

    /// <summary>
    /// Stores the changes in one transaction, in the order given; a lost race (a concurrent delivery stored a contact,
    /// conversation or message first) runs it again up to <paramref name="attempts"/> times, and then finds what the
    /// other stored. Call <see cref="AfterCommitAsync"/> with the result.
    /// </summary>
    public Task<IngestedBatch> StoreAsync(IReadOnlyList<(int InboxId, WhatsAppChange Change)> batch, int attempts, CancellationToken ct) =>
        ConversationIntake.RetryAsync(() => StoreOnceAsync(batch, ct), attempts);

    /// <summary>Wakes the outbox for media to fetch and answers the customer messages with the automatic messages they earn.</summary>
    public async Task AfterCommitAsync(IngestedBatch batch, CancellationToken ct)
    {
        if (batch.Media)
        {
            outbox.Wake();
        }

        await automatic.AnswerAsync([.. batch.CustomerMessages], ct);
    }

    /// <summary>
    /// Notes when webhooks last arrived for each number, at most every ten seconds, in the batch's own transaction: a write
    /// of its own would wait for SQLite's write lock, which the batch writer holds most of the time under load, and make
    /// the next batch wait in turn.
    /// </summary>
    /// <remarks>Returns the inboxes noted; they count as noted once the transaction commits.</remarks>
    private async Task<List<int>> RecordArrivalAsync(BizInboxDbContext db, IEnumerable<int> inboxIds, DateTimeOffset now, CancellationToken ct)
    {
        var recorded = new List<int>();
        foreach (var inboxId in inboxIds)
        {
            if (_arrivalRecorded.TryGetValue(inboxId, out var last) && now - last < TimeSpan.FromSeconds(10))
            {
                continue;
            }

            await db.WhatsAppConnections.Where(w => w.InboxId == inboxId)
                .ExecuteUpdateAsync(w => w.SetProperty(c => c.LastWebhookAt, now), ct);
            recorded.Add(inboxId);
        }

        return recorded;
    }
}
