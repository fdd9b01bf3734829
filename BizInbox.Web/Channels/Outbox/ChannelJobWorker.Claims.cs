using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.Outbox;

// The claims on several servers: taking over claims left behind, and keeping this server's own alive.
public sealed partial class ChannelJobWorker
{
    /// <summary>
    /// Takes over the claims to recover, each by a conditional update that matches only the claim as read: of two servers
    /// recovering the same claim, one gets it. Until saved, a taken-over claim is this server's, with a fresh lease.
    /// </summary>
    private async Task<List<ChannelJob>> TakeOverClaimsAsync(BizInboxDbContext db, bool ownClaims, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var left = await db.ChannelJobs.AsNoTracking()
            .Where(j => j.State == ChannelJobState.Running && (j.LeaseUntil == null || j.LeaseUntil <= now || (ownClaims && j.ClaimedBy == server.Id)))
            .Select(j => new { j.Id, j.ClaimedBy, j.LeaseUntil }).ToListAsync(ct);
        var taken = new List<ChannelJob>();
        foreach (var claim in left)
        {
            var matched = await db.ChannelJobs
                .Where(j => j.Id == claim.Id && j.State == ChannelJobState.Running && j.ClaimedBy == claim.ClaimedBy && j.LeaseUntil == claim.LeaseUntil)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.ClaimedBy, server.Id).SetProperty(j => j.LeaseUntil, now + _options.LeaseLength), ct);
            if (matched == 1)
            {
                taken.Add(await db.ChannelJobs.Include(j => j.Message).FirstAsync(j => j.Id == claim.Id, ct));
            }
        }

        return taken;
    }

    /// <summary>Keeps this server's claim alive while the job runs (a large upload may outlast the lease).</summary>
    private async Task RenewClaimAsync(long jobId, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.LeaseLength / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await using var db = await contexts.CreateDbContextAsync(ct);
                    var until = clock.GetUtcNow() + _options.LeaseLength;
                    await db.ChannelJobs.Where(j => j.Id == jobId && j.State == ChannelJobState.Running && j.ClaimedBy == server.Id)
                        .ExecuteUpdateAsync(u => u.SetProperty(j => j.LeaseUntil, until), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Renewing the claim of channel job {JobId} failed; trying again", jobId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job is finished (or the app stops).
        }
    }
}
