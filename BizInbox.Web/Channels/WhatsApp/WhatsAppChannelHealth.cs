using BizInbox.Domain.Channels;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>How a number is doing, for the settings page: Meta's last reported error and how many came recently and in all.</summary>
public sealed record WhatsAppHealth(int LastDay, int Total, int? LastCode = null, string? LastTitle = null, DateTimeOffset? LastAt = null)
{
    public static readonly WhatsAppHealth Healthy = new(0, 0);

    public bool IsHealthy => Total == 0;

    /// <summary>The last error as failed messages store it ("131047: Re-engagement message"), for the same translated text.</summary>
    public string? LastError => LastCode is { } code ? $"{code}: {LastTitle}" : null;
}

/// <summary>Keeps the errors Meta reports (in the webhook's transaction) and sums them up per number.</summary>
internal static class WhatsAppChannelHealth
{
    /// <summary>Adds the change's errors to <paramref name="db"/>; they are committed with the change's messages and statuses.</summary>
    public static void Record(BizInboxDbContext db, int inboxId, WhatsAppChange change, DateTimeOffset now) =>
        db.WhatsAppReportedErrors.AddRange(change.ReportedErrors.Select(r => WhatsAppReportedError.Reported(inboxId, r.Error.Code, r.Error.Title, r.Source, now)));

    public static async Task<Dictionary<int, WhatsAppHealth>> ForAsync(BizInboxDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddHours(-24);
        var counts = await db.WhatsAppReportedErrors.AsNoTracking()
            .GroupBy(e => e.InboxId)
            .Select(g => new { InboxId = g.Key, Total = g.Count(), LastDay = g.Count(e => e.ReportedAt >= since), LastId = g.Max(e => e.Id) })
            .ToListAsync(ct);
        var lastIds = counts.Select(c => c.LastId).ToList();
        var last = await db.WhatsAppReportedErrors.AsNoTracking().Where(e => lastIds.Contains(e.Id)).ToDictionaryAsync(e => e.InboxId, ct);
        return counts.ToDictionary(c => c.InboxId, c => new WhatsAppHealth(
            c.LastDay, c.Total, last[c.InboxId].Code, last[c.InboxId].Title, last[c.InboxId].ReportedAt));
    }
}
