using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Features.Audit;

/// <summary>Deletes audit entries older than the retention period, at start-up and then every hour, on one server of the installation.</summary>
public sealed class AuditPurge(
    IDbContextFactory<BizInboxDbContext> contexts, IOptions<AuditOptions> options, Servers.Leases leases, TimeProvider clock, ILogger<AuditPurge> log)
    : Servers.InstallationSingleton(leases, clock, log)
{
    protected override string LeaseName => "audit-purge";

    protected override TimeSpan Interval { get; } = TimeSpan.FromHours(1);

    protected override Task RunRoundAsync(CancellationToken ct) => PurgeAsync(ct);

    /// <summary>The one path that removes audit entries: SQL, not SaveChanges, which refuses it.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        var cutoff = Clock.GetUtcNow() - options.Value.Retention;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AuditEntries.Where(e => e.At < cutoff).ExecuteDeleteAsync(ct);
    }
}
