using System.Threading.Channels;
using BizInbox.Domain.Contacts;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>
/// Group commit for webhooks: requests hand their messages to a writer, which stores everything waiting in a single
/// transaction and then releases each request to answer 200. One transaction per batch instead of several per message is
/// what lets ingest keep up with WhatsApp's rate. SQLite has one writer anyway; on a database server several writers can
/// be configured (<see cref="WhatsAppIngestOptions.Writers"/>), each with a fixed share of the customers, so that one's
/// round trips overlap another's work while a customer's messages still go through one writer in the order they came.
/// Storing is <see cref="WhatsAppIngest"/>'s; if a batch fails, its messages are stored one by one as batches of one, so
/// a bad message never blocks the others.
/// </summary>
public sealed class WhatsAppBatchWriter : BackgroundService
{
    private const int MaxBatch = 500;

    /// <summary>A batch that lost a deadlock (two writers adding to the same summary rows) is stored again this often before the one-by-one fallback.</summary>
    private const int BatchAttempts = 3;

    private readonly WhatsAppIngest ingest;
    private readonly ILogger<WhatsAppBatchWriter> logger;
    private readonly Channel<Work>[] _lanes;

    /// <summary>Committed batches whose follow-up (media to fetch, automatic answers) is done in order, while the writers go on.</summary>
    private readonly Channel<IngestedBatch> _committed = Channel.CreateBounded<IngestedBatch>(new BoundedChannelOptions(1_000) { SingleReader = true });

    public WhatsAppBatchWriter(
        WhatsAppIngest ingest, DatabaseOptions database, IOptions<WhatsAppIngestOptions> options, ILogger<WhatsAppBatchWriter> logger)
    {
        this.ingest = ingest;
        this.logger = logger;
        var writers = database.Provider == DatabaseProvider.Sqlite ? 1 : Math.Max(1, options.Value.Writers);
        _lanes = [.. Enumerable.Range(0, writers)
            .Select(_ => Channel.CreateBounded<Work>(new BoundedChannelOptions(10_000) { SingleReader = true }))];
    }

    private sealed record Work(int InboxId, WhatsAppChange Change, TaskCompletionSource<IngestResult> Done);

    /// <summary>Stores the change's messages; completes once they are committed.</summary>
    public async Task<IngestResult> IngestAsync(int inboxId, WhatsAppChange change, CancellationToken ct)
    {
        if (_lanes.Length == 1)
        {
            return await IngestAsync(_lanes[0], inboxId, change, ct);
        }

        var results = await Task.WhenAll(ByCustomer(change).Select(part => IngestAsync(_lanes[Lane(part.Customer)], inboxId, part.Change, ct)));
        return new IngestResult(results.Sum(r => r.Stored), results.Sum(r => r.Duplicates));
    }

    private static async Task<IngestResult> IngestAsync(Channel<Work> lane, int inboxId, WhatsAppChange change, CancellationToken ct)
    {
        var work = new Work(inboxId, change, new TaskCompletionSource<IngestResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await lane.Writer.WriteAsync(work, ct);
        return await work.Done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// The change split by customer (Meta rarely puts several in one): each customer's messages and statuses, the change's
    /// own errors with the first. A customer is their number as E.164, as contacts are matched, so that a wa_id written
    /// two ways still goes to one writer.
    /// </summary>
    private static List<(string Customer, WhatsAppChange Change)> ByCustomer(WhatsAppChange change)
    {
        var customers = change.Messages.Select(m => Customer(m.From)).Concat(change.Statuses.Select(s => Customer(s.RecipientId))).Distinct().ToList();
        if (customers.Count <= 1)
        {
            return [(customers.FirstOrDefault() ?? string.Empty, change)];
        }

        return [.. customers.Select((customer, i) => (customer, change with
        {
            Messages = [.. change.Messages.Where(m => Customer(m.From) == customer)],
            Statuses = [.. change.Statuses.Where(s => Customer(s.RecipientId) == customer)],
            Errors = i == 0 ? change.Errors : [],
        }))];
    }

    private static string Customer(string waId) => PhoneNumber.FromWhatsAppId(waId)?.E164 ?? waId;

    private int Lane(string customer) => (int)((uint)StringComparer.Ordinal.GetHashCode(customer) % (uint)_lanes.Length);

    /// <summary>
    /// The writer runs on a thread of its own: SQLite's calls are synchronous, so on the pool it would hold a pool thread
    /// whenever webhooks arrive (half of a two-core server's minimum), and the requests it answers would wait for another.
    /// </summary>
    /// <remarks>
    /// Blocking is safe here: the thread is the writer's alone and has no synchronization context. The stopping token goes
    /// to the task too, so that stopping ends it as cancelled rather than failed (the host logs a failed one as an error).
    /// </remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_lanes.Select(lane => OnOwnThread(() => WriteLoop(lane.Reader, stoppingToken), stoppingToken))
            .Append(OnOwnThread(() => FollowUpLoop(stoppingToken), stoppingToken)));

    /// <remarks>
    /// Their commits' changes reach the screens on the screens' own threads (<see cref="InboxDelivery"/>): run on this thread, 200 agents'
    /// lists would be re-read before the next batch is stored and its webhooks answered.
    /// </remarks>
    private static Task OnOwnThread(Action loop, CancellationToken stoppingToken) =>
        Task.Factory.StartNew(
            () =>
            {
                InboxDelivery.Detach();
                loop();
            },
            stoppingToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    /// <summary>
    /// Answers committed batches one after the other, on a thread of its own as the writers (SQLite's calls are synchronous):
    /// the automatic answers of a batch read the settings and earlier messages, which took a tenth of a writer's time when
    /// each writer waited for them before its next batch.
    /// </summary>
    private void FollowUpLoop(CancellationToken stoppingToken)
    {
        while (_committed.Reader.WaitToReadAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
        {
            while (_committed.Reader.TryRead(out var batch))
            {
                try
                {
                    ingest.AfterCommitAsync(batch, stoppingToken).GetAwaiter().GetResult();
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "The follow-up of {Count} stored WhatsApp messages failed", batch.CustomerMessages.Count);
                }
            }
        }
    }

    private void WriteLoop(ChannelReader<Work> lane, CancellationToken stoppingToken)
    {
        var batch = new List<Work>(MaxBatch);

        // Waiting blocks this thread rather than awaiting: an await would resume the loop on a pool thread.
        while (lane.WaitToReadAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && lane.TryRead(out var work))
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
            var stored = await StoreAsync(batch, stoppingToken);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(stored.Results[i]);
            }

            await _committed.Writer.WriteAsync(stored, stoppingToken);
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
                    work.Done.TrySetResult(await ingest.IngestAsync(work.InboxId, work.Change, stoppingToken));
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
    /// A failed batch is not tried again as a whole (the one-by-one fallback finds what failed it), unless the database
    /// chose it as a deadlock's victim: nothing is wrong with it then.
    /// </summary>
    private async Task<IngestedBatch> StoreAsync(List<Work> batch, CancellationToken ct)
    {
        for (var tried = 1; ; tried++)
        {
            try
            {
                return await ingest.StoreAsync([.. batch.Select(w => (w.InboxId, w.Change))], attempts: 1, ct);
            }
            catch (Exception ex) when (tried < BatchAttempts && ConversationIntake.IsTransient(ex))
            {
            }
        }
    }
}
