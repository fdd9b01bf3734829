using BizInbox.Domain;
using BizInbox.Domain.Businesses;
using BizInbox.Domain.Scheduling;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data.Keeping;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Identity;
using BizInbox.Web.Ui;

namespace BizInbox.Web.Features.Scheduling;

public sealed record IntervalRow(DayOfWeek Day, TimeOnly Start, TimeOnly End);

public sealed record ClosureRow(DateOnly FirstDay, DateOnly LastDay, TimeOnly? From, TimeOnly? Until, string Reason);

/// <summary>The business hours as the settings page edits them; <see cref="IsSet"/> is false until first saved.</summary>
public sealed record BusinessHoursSettings(
    bool IsSet, string TimeZoneId, GermanState? HolidayState, IReadOnlyList<IntervalRow> Intervals, IReadOnlyList<ClosureRow> Closures);

/// <summary>Whether the business is open at <see cref="At"/>; instants are in the business's zone.</summary>
public sealed record OpeningStatus(DateTimeOffset At, bool IsOpen, DateTimeOffset? NextOpening, DateTimeOffset? NextClosing);

/// <summary>Reading and changing the business hours (owners and managers), and the calendar the rest of the app asks.</summary>
public sealed class BusinessHoursService(
    IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock, BusinessTime businessTime, AuditLog audit)
{
    /// <summary>What a business that never set its hours gets proposed: weekdays nine to five.</summary>
    public static readonly IReadOnlyList<IntervalRow> Proposal =
        [.. Enum.GetValues<DayOfWeek>().Where(d => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Select(d => new IntervalRow(d, new(9, 0), new(17, 0)))];

    public async Task<BusinessHoursSettings> GetAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var zone = await db.TheBusiness.Select(b => b.TimeZoneId).SingleAsync(ct);
        var hours = await db.BusinessHours.AsNoTracking().SingleOrDefaultAsync(h => h.Id == Business.SingletonId, ct);
        return hours is null
            ? new BusinessHoursSettings(false, zone, null, Proposal, [])
            : new BusinessHoursSettings(
                true, zone, hours.HolidayState,
                [.. hours.Intervals.Select(i => new IntervalRow(i.Day, i.Start, i.End))],
                [.. hours.Closures.Select(c => new ClosureRow(c.FirstDay, c.LastDay, c.From, c.Until, c.Reason))]);
    }

    /// <summary>Replaces the schedule and the business's time zone; the whole change is refused when any part is invalid.</summary>
    public async Task SaveAsync(CurrentMember actor, BusinessHoursSettings settings, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var business = await db.Businesses.SingleAsync(b => b.Id == Business.SingletonId, ct);
        business.ChangeTimeZone(settings.TimeZoneId);
        var intervals = settings.Intervals.Select(i => new OpeningInterval(i.Day, i.Start, i.End)).ToList();
        var closures = settings.Closures.Select(ToClosure).ToList();
        var hours = await db.BusinessHours.SingleOrDefaultAsync(h => h.Id == Business.SingletonId, ct);
        if (hours is null)
        {
            db.BusinessHours.Add(BusinessHours.Create(Business.SingletonId, intervals, settings.HolidayState, closures));
        }
        else
        {
            hours.Change(intervals, settings.HolidayState, closures);
        }

        audit.Add(db, actor, Domain.Audit.AuditAction.BusinessHoursChanged,
            details: $"{intervals.Count} opening intervals, {closures.Count} closures, {settings.TimeZoneId}");
        await db.SaveChangesAsync(ct);
        businessTime.ZoneChanged();
        ReportFactRecorder.HoursChanged(db);
    }

    /// <summary>
    /// The saved hours in the business's zone, for rules that run without a signed-in member (away messages,
    /// reports). A business that never set its hours counts as always open.
    /// </summary>
    public async Task<BusinessCalendar> CalendarAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var zoneId = await db.TheBusiness.Select(b => b.TimeZoneId).SingleAsync(ct);
        var hours = await db.BusinessHours.AsNoTracking().SingleOrDefaultAsync(h => h.Id == Business.SingletonId, ct)
            ?? BusinessHours.AlwaysOpen(Business.SingletonId);
        return hours.InZone(TimeZoneInfo.FindSystemTimeZoneById(zoneId));
    }

    /// <summary>Open now, and when that changes next (for the settings page's preview).</summary>
    public async Task<OpeningStatus> StatusAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await actor.RequireAsync(TeamRight.ManageTeam, ct);
        }

        var calendar = await CalendarAsync(ct);
        var now = clock.GetUtcNow();
        DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, calendar.Zone);
        return calendar.IsOpen(now)
            ? new OpeningStatus(Local(now), true, null, calendar.NextClosing(now) is { } closes ? Local(closes) : null)
            : new OpeningStatus(Local(now), false, calendar.NextOpening(now) is { } opens ? Local(opens) : null, null);
    }

    /// <summary>Refuses a closure the domain would refuse, so that the form can say so before the whole schedule is saved.</summary>
    public static void CheckClosure(ClosureRow row) => ToClosure(row);

    private static Closure ToClosure(ClosureRow row) => row.From is { } from
        ? Closure.Hours(row.FirstDay, from, row.Until ?? TimeOnly.MinValue, row.Reason)
        : Closure.Days(row.FirstDay, row.LastDay, row.Reason);
}
