namespace BizInbox.Domain.Scheduling;

/// <summary>
/// When the business is open: a weekly pattern of <see cref="OpeningInterval"/>s, the German state whose
/// public holidays close it (or none), and <see cref="Closure"/>s on dates. The instants follow from the
/// business's time zone: see <see cref="InZone"/>.
/// </summary>
public sealed class BusinessHours
{
    /// <summary>Key of <see cref="Exception.Data"/> naming the weekday a refusal concerns.</summary>
    public const string DayKey = "day";

    /// <summary>Most closures kept at once.</summary>
    public const int MaxClosures = 200;

    private const int MinutesPerWeek = 7 * 24 * 60;

    private readonly List<OpeningInterval> _intervals = [];
    private readonly List<Closure> _closures = [];

    private BusinessHours()
    {
    }

    /// <summary>The business these hours belong to.</summary>
    public int Id { get; private set; }

    /// <summary>Whose public holidays close the business; null when they do not.</summary>
    public GermanState? HolidayState { get; private set; }

    /// <summary>The weekly pattern, Monday first, by start.</summary>
    public IReadOnlyList<OpeningInterval> Intervals => _intervals;

    /// <summary>Closed dates, by first day.</summary>
    public IReadOnlyList<Closure> Closures => _closures;

    /// <summary>The hours of the business <paramref name="businessId"/>.</summary>
    public static BusinessHours Create(int businessId, IEnumerable<OpeningInterval> intervals, GermanState? holidayState, IEnumerable<Closure> closures)
    {
        var hours = new BusinessHours { Id = businessId };
        hours.Change(intervals, holidayState, closures);
        return hours;
    }

    /// <summary>Open all the time (what a business that never set its hours counts as).</summary>
    public static BusinessHours AlwaysOpen(int businessId) =>
        Create(businessId, Enum.GetValues<DayOfWeek>().Select(d => new OpeningInterval(d, TimeOnly.MinValue, TimeOnly.MinValue)), null, []);

    /// <summary>Replaces the whole schedule after checking that no two intervals overlap.</summary>
    public void Change(IEnumerable<OpeningInterval> intervals, GermanState? holidayState, IEnumerable<Closure> closures)
    {
        var newIntervals = intervals.ToList();
        var newClosures = closures.ToList();
        if (holidayState is { } state && !Enum.IsDefined(state))
        {
            throw new DomainException("hours.state_unknown", "The federal state is not known.");
        }

        if (newClosures.Count > MaxClosures)
        {
            throw new DomainException("hours.too_many_closures", $"At most {MaxClosures} closures can be kept; remove past ones.");
        }

        CheckNoOverlap(newIntervals);
        _intervals.Clear();
        _intervals.AddRange(newIntervals.OrderBy(i => WeekIndex(i.Day)).ThenBy(i => i.Start));
        _closures.Clear();
        _closures.AddRange(newClosures.OrderBy(c => c.FirstDay).ThenBy(c => c.From));
        HolidayState = holidayState;
    }

    /// <summary>The schedule's instants in <paramref name="zone"/> (the business's time zone).</summary>
    public BusinessCalendar InZone(TimeZoneInfo zone) => new(this, zone);

    internal static DomainException Refuse(string code, string message, DayOfWeek day)
    {
        var ex = new DomainException(code, message);
        ex.Data[DayKey] = day;
        return ex;
    }

    /// <summary>Monday first, as German weeks are written.</summary>
    internal static int WeekIndex(DayOfWeek day) => ((int)day + 6) % 7;

    private static void CheckNoOverlap(List<OpeningInterval> intervals)
    {
        // Each interval as minutes of a Monday-based week; one that runs past Sunday midnight wraps to Monday.
        var ranges = new List<(int Start, int End, OpeningInterval Interval)>();
        foreach (var interval in intervals)
        {
            var start = (WeekIndex(interval.Day) * 24 * 60) + (int)(interval.Start.ToTimeSpan().TotalMinutes);
            var end = start + (int)Math.Ceiling(interval.Length.TotalMinutes);
            ranges.Add((start, Math.Min(end, MinutesPerWeek), interval));
            if (end > MinutesPerWeek)
            {
                ranges.Add((0, end - MinutesPerWeek, interval));
            }
        }

        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Start < ranges[i - 1].End)
            {
                var (earlier, later) = (ranges[i - 1].Interval, ranges[i].Interval);
                throw Refuse("hours.interval_overlap", $"{earlier} overlaps {later}.", later.Day);
            }
        }
    }
}
