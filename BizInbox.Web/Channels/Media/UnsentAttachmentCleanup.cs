using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.Media;

/// <summary>
/// An agent's upload that never went out in a message (the composer was closed, the chat was abandoned) is removed
/// after a day: customers' files should not pile up where nobody can see or delete them. A file a canned reply keeps
/// stays as long as the reply refers to it. Runs every hour on one server of the installation.
/// </summary>
public sealed class UnsentAttachmentCleanup(
    IDbContextFactory<BizInboxDbContext> contexts, MediaStore media, Servers.Leases leases, TimeProvider clock, ILogger<UnsentAttachmentCleanup> logger)
    : Servers.InstallationSingleton(leases, clock, logger)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    protected override string LeaseName => "unsent-attachment-cleanup";

    protected override TimeSpan Interval { get; } = TimeSpan.FromHours(1);

    protected override Task RunRoundAsync(CancellationToken ct) => RemoveUnsentAsync(ct);

    /// <summary>Removes files older than a day that no message and no canned reply refers to; returns how many.</summary>
    public async Task<int> RemoveUnsentAsync(CancellationToken ct = default)
    {
        var before = Clock.GetUtcNow() - KeptFor;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var unsent = await db.MediaFiles.AsNoTracking()
            .Where(f => f.CreatedAt < before && !db.Messages.Any(m => m.MediaFileId == f.Id) && !db.CannedReplies.Any(r => r.AttachmentId == f.Id))
            .OrderBy(f => f.CreatedAt).Take(500).ToListAsync(ct);
        foreach (var file in unsent)
        {
            await media.RemoveAsync(file, ct);
        }

        if (unsent.Count > 0)
        {
            Log.LogInformation("Removed {Count} attachment(s) that were never sent", unsent.Count);
        }

        return unsent.Count;
    }
}
