using System.Threading.Channels;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>
/// Group commit for webhooks: requests hand their messages to one writer, which stores everything waiting in a
/// single transaction and then releases each request to answer 200. SQLite has one writer anyway; one transaction
/// per batch instead of several per message is what lets ingest keep up with WhatsApp's rate. Storing is
/// <see cref="WhatsAppIngest"/>'s; if a batch fails, its messages are stored one by one as batches of one, so a bad
/// message never blocks the others.
/// </summary>
public sealed class WhatsAppBatchWriter(WhatsAppIngest ingest, ILogger<WhatsAppBatchWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 500;

    private readonly Channel<Work> _work = Channel.CreateBounded<Work>(new BoundedChannelOptions(10_000) { SingleReader = true });

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
            // A failed batch is not tried again as a whole: the one-by-one fallback finds what failed it.
            var stored = await ingest.StoreAsync([.. batch.Select(w => (w.InboxId, w.Change))], attempts: 1, stoppingToken);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(stored.Results[i]);
            }

            await ingest.AfterCommitAsync(stored, stoppingToken);
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
}
