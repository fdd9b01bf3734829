using System.Globalization;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime.Servers;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Ui;

/// <summary>Shows instants in the business's time zone (the team works in it; the server's zone is irrelevant).</summary>
public sealed class BusinessTime(IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock, ICrossServerSignals signals)
{
    private TimeZoneInfo? _zone;

    public DateTimeOffset Now => ToLocal(clock.GetUtcNow());

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The instant of a wall-clock time in the business's zone.</summary>
    public DateTimeOffset FromLocal(DateTime wallClock)
    {
        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    /// <summary>"14:05" today, "Mon 14:05" this week, "03.11." this year, else "03.11.2025" (in the UI culture).</summary>
    public string Compact(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var today = Now.Date;
        var culture = CultureInfo.CurrentCulture;
        if (local.Date == today)
        {
            return local.ToString("t", culture);
        }

        if (local.Date > today.AddDays(-7))
        {
            return $"{local.ToString("ddd", culture)} {local.ToString("t", culture)}";
        }

        return local.Year == today.Year ? local.ToString("M", culture) : local.ToString("d", culture);
    }

    public string Time(DateTimeOffset instant) => ToLocal(instant).ToString("t", CultureInfo.CurrentCulture);

    public string Day(DateTimeOffset instant) => ToLocal(instant).ToString("D", CultureInfo.CurrentCulture);

    /// <summary>Reads the zone again on next use, after the business changed it (the other servers too).</summary>
    public void ZoneChanged()
    {
        ForgetZone();
        signals.Send(CrossServerSignal.BusinessTimeChanged);
    }

    /// <summary>Reads the zone again on next use (another server changed it).</summary>
    internal void ForgetZone() => _zone = null;

    private TimeZoneInfo Zone => _zone ??= LoadZone();

    private TimeZoneInfo LoadZone()
    {
        using var db = contexts.CreateDbContext();
        var id = db.TheBusiness.Select(b => b.TimeZoneId).FirstOrDefault();
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }
}
