using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.Outbox;

/// <summary>How the worker retries.</summary>
public sealed class ChannelJobOptions
{
    /// <summary>Attempts before a transient failure (rate limit, server error, no connection) is given up.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles with each attempt.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How much of each wait is random (0 to 1): a wait of w becomes one between w × (1 − jitter) and w, so that jobs
    /// that failed together (an outage) do not all come back at the same moment. 0 makes the waits exact.
    /// </summary>
    public double RetryJitter { get; set; } = 0.5;

    /// <summary>How many conversations are served at once.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>How long a claim holds unless renewed; the claiming server renews it every third of this while it works.</summary>
    public TimeSpan LeaseLength { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an idle worker looks for due jobs without a wake-up (jobs queued on another server, expired claims).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Does the outbox's jobs: sends agents' WhatsApp messages, marks customers' messages read and fetches their media.
/// Rules:
/// <list type="bullet">
/// <item>A job is claimed (committed as running, with this server's id and a lease) before its request leaves, by a
/// conditional update: of several servers, exactly one claims it. A claim left behind (this server's own at start-up, any
/// server's once its lease ran out) is recovered once: a send that may have reached WhatsApp becomes unconfirmed and is
/// never sent again by itself (a status webhook carrying its reference settles it; an agent may resend). A job that was
/// still queued is sent: nothing queued is lost.</item>
/// <item>Rate limits, server errors and unreachable hosts are retried with exponential backoff and jitter (honouring
/// Retry-After); a send with no answer (timeout) becomes unconfirmed; permanent errors stop at once and show
/// Meta's code and title on the message.</item>
/// <item>Messages of one conversation leave in order: a conversation's later send waits for its earlier one, and the
/// claim itself checks it, so this holds across servers.</item>
/// </list>
/// </summary>
public sealed partial class ChannelJobWorker(
    IDbContextFactory<BizInboxDbContext> contexts,
    WhatsAppConnections connections,
    GraphApiClient graph,
    MediaStore media,
    ChannelJobSignal signal,
    Servers.ServerIdentity server,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<ChannelJobOptions> options,
    ILogger<ChannelJobWorker> logger) : BackgroundService
{
    private readonly ChannelJobOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recovered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                if (!recovered)
                {
                    await RecoverAsync(stoppingToken);
                    recovered = true;
                }
                else
                {
                    await RecoverExpiredAsync(stoppingToken);
                }

                var next = await RunDueAsync(stoppingToken);
                wait = next is { } at ? Clamp(at - clock.GetUtcNow()) : _options.PollInterval;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A database that is briefly unavailable (or any other surprise) must not stop the app: the jobs
                // stay in the database and the next round picks them up.
                logger.LogError(ex, "The channel job worker failed a round; trying again shortly");
                wait = TimeSpan.FromSeconds(5);
            }

            await signal.WaitAsync(wait, stoppingToken);
        }
    }

    private TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _options.PollInterval ? _options.PollInterval : wait;

    /// <summary>
    /// At start-up: this server's own claims (its previous run's) and every claim whose lease ran out. Sends that may have
    /// left become unconfirmed; other interrupted jobs are simply done again. Returns how many jobs this server recovered.
    /// </summary>
    public Task<int> RecoverAsync(CancellationToken ct = default) => RecoverAsync(ownClaims: true, ct);

    /// <summary>Claims whose lease ran out (their server stopped or hangs), recovered as at start-up; live claims are left alone.</summary>
    public Task<int> RecoverExpiredAsync(CancellationToken ct = default) => RecoverAsync(ownClaims: false, ct);

    private async Task<int> RecoverAsync(bool ownClaims, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var interrupted = await TakeOverClaimsAsync(db, ownClaims, ct);
        var now = clock.GetUtcNow();
        foreach (var job in interrupted)
        {
            if (job.Kind == ChannelJobKind.SendMessage)
            {
                const string reason = "Sending was interrupted by a restart or a stopped server; WhatsApp may or may not have received it.";
                job.Unconfirmed(now, reason);
                job.Message?.SendUnconfirmed(reason);
                logger.LogWarning("Send job {JobId} was interrupted by a restart or a stopped server; marked unconfirmed, not resent", job.Id);
            }
            else
            {
                job.RetryAt(now, "Interrupted by a restart");
            }
        }

        foreach (var job in interrupted.Where(j => j.Kind == ChannelJobKind.SendMessage))
        {
            db.Record(new MessageUpdated(job.ConversationId));
        }

        await db.SaveChangesAsync(ct);
        return interrupted.Count;
    }

    /// <summary>Does every job that is due now; returns when the next waiting job is due, if any.</summary>
    public async Task<DateTimeOffset?> RunDueAsync(CancellationToken ct = default)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            List<long> due;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                // The head of each conversation's sends: later sends wait for it, even while it waits for a retry.
                var heads = await db.ChannelJobs
                    .Where(j => j.Kind == ChannelJobKind.SendMessage && (j.State == ChannelJobState.Queued || j.State == ChannelJobState.Running))
                    .GroupBy(j => j.ConversationId).Select(g => g.Min(j => j.Id)).ToListAsync(ct);
                // Sends behind a head are left out in the query, not after it: otherwise a long queue behind a head that
                // waits for a retry fills the batch, and other conversations' sends wait as long as that head.
                due = await db.ChannelJobs.AsNoTracking()
                    .Where(j => j.State == ChannelJobState.Queued && j.NextAttemptAt <= now
                                && (j.Kind != ChannelJobKind.SendMessage || heads.Contains(j.Id)))
                    .OrderBy(j => j.Id).Take(100).Select(j => j.Id).ToListAsync(ct);
                if (due.Count == 0)
                {
                    // Only what can run: a send behind its conversation's head waits for the head, not for its own time
                    // (counting it made the worker spin without pause while a head waited for its retry).
                    return await db.ChannelJobs
                        .Where(j => j.State == ChannelJobState.Queued && (j.Kind != ChannelJobKind.SendMessage || heads.Contains(j.Id)))
                        .OrderBy(j => j.NextAttemptAt).Select(j => (DateTimeOffset?)j.NextAttemptAt).FirstOrDefaultAsync(ct);
                }
            }

            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = ct },
                async (id, token) => await RunAsync(id, token));
        }
    }

    private async Task RunAsync(long jobId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        // One statement, so atomic on every provider: still queued and due, and (for a send) no earlier send of its
        // conversation waiting or running; the last check is what keeps the order when servers claim side by side.
        var claimed = await db.ChannelJobs
            .Where(j => j.Id == jobId && j.State == ChannelJobState.Queued && j.NextAttemptAt <= now
                        && (j.Kind != ChannelJobKind.SendMessage || !db.ChannelJobs.Any(e => e.ConversationId == j.ConversationId
                            && e.Kind == ChannelJobKind.SendMessage && e.Id < j.Id && (e.State == ChannelJobState.Queued || e.State == ChannelJobState.Running))))
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ChannelJobState.Running)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1).SetProperty(j => j.StartedAt, now)
                .SetProperty(j => j.ClaimedBy, server.Id).SetProperty(j => j.LeaseUntil, now + _options.LeaseLength), ct);
        if (claimed == 0)
        {
            return; // another worker (here or on another server) has it, or it must wait
        }

        using var holding = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewal = RenewClaimAsync(jobId, holding.Token);
        try
        {
            await RunClaimedAsync(db, jobId, ct);
        }
        finally
        {
            await holding.CancelAsync();
            await renewal;
        }
    }

    private async Task RunClaimedAsync(BizInboxDbContext db, long jobId, CancellationToken ct)
    {
        var job = await db.ChannelJobs.Include(j => j.Message).FirstAsync(j => j.Id == jobId, ct);
        var message = job.Message!;
        var number = await connections.SecretsForAsync(job.InboxId, ct);
        if (number is null)
        {
            Fail(job, message, "This inbox has no WhatsApp connection any more.");
            await FinishAsync(db, job);
            return;
        }

        try
        {
            switch (job.Kind)
            {
                case ChannelJobKind.SendMessage:
                    await SendAsync(db, job, message, number, ct);
                    break;
                case ChannelJobKind.MarkRead:
                    if (message.ExternalId is { } wamid)
                    {
                        await graph.MarkReadAsync(number, wamid, ct);
                    }

                    job.Succeeded(clock.GetUtcNow());
                    break;
                case ChannelJobKind.FetchMedia:
                    await FetchMediaAsync(job, message, number, ct);
                    break;
            }
        }
        catch (GraphApiException ex) when (ex.Error.IsTransient)
        {
            Retry(job, message, ex.Error.ToString(), ex.Error.RetryAfter);
        }
        catch (GraphApiException ex)
        {
            Fail(job, message, ex.Error.ToString());
            if (job.Kind == ChannelJobKind.SendMessage)
            {
                await connections.SendOutcomeAsync(job.InboxId, ex.Error.ToString(), ct);
            }
        }
        catch (GraphUnreachableException ex)
        {
            Retry(job, message, ex.Message, null);
        }
        catch (GraphNoAnswerException ex) when (job.Kind == ChannelJobKind.SendMessage)
        {
            job.Unconfirmed(clock.GetUtcNow(), ex.Message);
            message.SendUnconfirmed(ex.Message + " It may or may not have reached the customer.");
            logger.LogWarning("Send job {JobId} got no answer; marked unconfirmed, not resent", job.Id);
        }
        catch (GraphNoAnswerException ex)
        {
            Retry(job, message, ex.Message, null);
        }
        catch (ContentTooLargeException ex)
        {
            Fail(job, message, ex.Message);
        }
        catch (MediaRejectedException ex)
        {
            Fail(job, message, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Channel job {JobId} ({Kind}) failed unexpectedly", job.Id, job.Kind);
            Retry(job, message, "Unexpected error: " + ex.GetType().Name, null);
        }

        await FinishAsync(db, job);
    }

    private async Task SendAsync(BizInboxDbContext db, ChannelJob job, Message message, WhatsAppSecrets number, CancellationToken ct)
    {
        if (message.Delivery != DeliveryStatus.Queued)
        {
            job.Succeeded(clock.GetUtcNow()); // settled meanwhile (e.g. by a status naming it)
            return;
        }

        if (message.Automatic != AutomaticMessageKind.None)
        {
            // An automatic message that waited (retries, an outage) past the window would only earn Meta's 131047.
            var lastCustomerMessageAt = await db.Conversations.Where(c => c.Id == message.ConversationId).Select(c => c.LastCustomerMessageAt).FirstOrDefaultAsync(ct);
            if (!Domain.Channels.CustomerServiceWindow.IsOpen(lastCustomerMessageAt, clock.GetUtcNow()))
            {
                Fail(job, message, "Not sent: the 24-hour customer service window closed before it could leave.");
                return;
            }
        }

        var to = await (from c in db.Conversations
                        join contact in db.Contacts on c.ContactId equals contact.Id
                        where c.Id == message.ConversationId
                        select contact.WhatsAppId).FirstOrDefaultAsync(ct);
        if (to is null)
        {
            Fail(job, message, "The contact has no WhatsApp number.");
            return;
        }

        string? mediaId = null;
        if (message.MediaFileId is { } fileId)
        {
            var file = await media.FindAsync(fileId, ct) ?? throw new MediaRejectedException("The attachment is no longer in the media store.");
            try
            {
                await using var content = media.Open(file);
                mediaId = await graph.UploadMediaAsync(number, content, file.MimeType, file.FileName ?? "file", ct);
            }
            catch (GraphNoAnswerException ex)
            {
                // An upload that got no answer sends nothing to the customer: try again.
                throw new GraphUnreachableException(ex.Message, ex);
            }
        }

        var wamid = await graph.SendMessageAsync(number, WhatsAppOutbound.Build(message, to, mediaId), CancellationToken.None);
        // A status webhook may have named the message (by our reference) while the answer was on its way.
        await db.Entry(message).ReloadAsync(CancellationToken.None);
        message.Accepted(wamid);
        job.Succeeded(clock.GetUtcNow());
        await connections.SendOutcomeAsync(job.InboxId, null, ct);
    }

    private async Task FetchMediaAsync(ChannelJob job, Message message, WhatsAppSecrets number, CancellationToken ct)
    {
        var declared = MessageContents.Read<MediaContent>(message.Content);
        if (declared?.WhatsAppMediaId is not { } mediaId || message.MediaFileId is not null)
        {
            job.Succeeded(clock.GetUtcNow());
            return;
        }

        var info = await graph.MediaInfoAsync(number, mediaId, ct);
        var type = message.ContentType;
        var mime = MediaRules.Essence(info.MimeType);
        if (declared.MimeType is { } said && MediaRules.Essence(said) != mime)
        {
            throw new MediaRejectedException($"The file is {mime}, but the message said {MediaRules.Essence(said)}.");
        }

        if (!MediaRules.Allows(type, mime))
        {
            throw new MediaRejectedException($"WhatsApp does not allow {mime} for this kind of message.");
        }

        var limit = MediaRules.MaxBytes(type);
        if (info.Size > limit)
        {
            throw new ContentTooLargeException(limit);
        }

        await using var download = MediaStore.TemporaryFile();
        await graph.DownloadMediaAsync(number, info.Url, download, limit, ct);
        download.Position = 0;
        var sha = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(download, ct));
        var expected = declared.Sha256 ?? info.Sha256;
        if (expected is not null && !string.Equals(expected, sha, StringComparison.OrdinalIgnoreCase)
                                  && !string.Equals(expected, Convert.ToBase64String(Convert.FromHexString(sha)), StringComparison.Ordinal))
        {
            throw new MediaRejectedException("The file's checksum does not match what WhatsApp announced.");
        }

        download.Position = 0;
        var head = new byte[MediaRules.HeadLength];
        var headLength = await download.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (!MediaRules.ContentMatches(mime, head.AsSpan(0, headLength)))
        {
            throw new MediaRejectedException($"The file's content is not {mime}.");
        }

        download.Position = 0;
        var file = await media.SaveAsync(message.ConversationId, download, mime, declared.FileName, ct);
        message.MediaStored(file.Id);
        job.Succeeded(clock.GetUtcNow());
    }

    private void Retry(ChannelJob job, Message message, string error, TimeSpan? retryAfter)
    {
        if (job.Attempts >= _options.MaxAttempts)
        {
            Fail(job, message, $"Gave up after {job.Attempts} attempts: {error}");
            return;
        }

        var backoff = RetryBackoff.Jittered(job.Attempts, _options.FirstRetryDelay, _options.MaxRetryDelay, _options.RetryJitter, Random.Shared);
        var delay = retryAfter is { } after && after > backoff ? Clamp(after, _options.MaxRetryDelay) : backoff;
        job.RetryAt(clock.GetUtcNow() + delay, error);
        logger.LogInformation("Channel job {JobId} ({Kind}) failed attempt {Attempt}; retrying in {Delay}", job.Id, job.Kind, job.Attempts, delay);
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan max) => value > max ? max : value;

    private void Fail(ChannelJob job, Message message, string error)
    {
        job.Failed(clock.GetUtcNow(), error);
        switch (job.Kind)
        {
            case ChannelJobKind.SendMessage:
                message.SendFailed(error);
                break;
            case ChannelJobKind.FetchMedia:
                message.MediaFailed(error);
                break;
        }

        logger.LogWarning("Channel job {JobId} ({Kind}) failed for good: {Error}", job.Id, job.Kind, error);
    }

    private static async Task FinishAsync(BizInboxDbContext db, ChannelJob job)
    {
        if (job.Kind != ChannelJobKind.MarkRead)
        {
            db.Record(new MessageUpdated(job.ConversationId));
        }

        // Saved even when the request was cancelled by shutdown: the outcome of a request that left must not be lost.
        await db.SaveChangesAsync(CancellationToken.None);
    }
}

/// <summary>A media file failed a check (type, checksum, content); it is not stored.</summary>
public sealed class MediaRejectedException(string message) : Exception(message);
