using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.Outbox;

/// <summary>
/// Done jobs are kept 30 days (for diagnosis), then deleted: at start-up and then every hour, on one server of the
/// installation.
/// </summary>
public sealed class ChannelJobPurge(
    IDbContextFactory<BizInboxDbContext> contexts, Servers.Leases leases, TimeProvider clock, ILogger<ChannelJobPurge> log)
    : Servers.InstallationSingleton(leases, clock, log)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    protected override string LeaseName => "channel-job-purge";

    protected override TimeSpan Interval { get; } = TimeSpan.FromHours(1);

    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        var before = Clock.GetUtcNow() - KeptFor;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.ChannelJobs.Where(j => j.State == ChannelJobState.Done && j.FinishedAt < before).ExecuteDeleteAsync(ct);
    }
}
