using System.Collections.Concurrent;

namespace BizInbox.Domain.Scheduling;

/// <summary>A stretch of time during which the business is open, [Start, End).</summary>
public readonly record struct OpenSpan(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Real elapsed time (clock changes included).</summary>
    public TimeSpan Length => End - Start;
}

/// <summary>
/// <see cref="BusinessHours"/> placed in the business's time zone: whether it is open at an instant, when it
/// opens or closes next, and how much opening time lies between two instants.
/// </summary>
/// <remarks>
/// Wall-clock times are read as "from the first moment the clock shows the start until the last moment it shows
/// the end": a time the spring change skips resolves to the moment the clock jumps, a start in the autumn's
/// repeated hour to its first pass and an end to its second. A closed day (closure or public holiday) cancels the
/// intervals that begin on it; the tail of the previous night's interval still runs.
/// </remarks>
public sealed class BusinessCalendar
{
    /// <summary>How far <see cref="NextOpening"/> and <see cref="NextClosing"/> look before answering "never".</summary>
    public static readonly TimeSpan SearchLimit = TimeSpan.FromDays(3 * 366);

    private static readonly TimeSpan SearchChunk = TimeSpan.FromDays(14);

    private readonly ILookup<DayOfWeek, OpeningInterval> _byDay;
    private readonly Closure[] _closures;
    private readonly GermanState? _holidayState;
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> _holidays = new();

    // A report asks about the same days again and again; a day's spans are a few dozen bytes.
    private readonly ConcurrentDictionary<DateOnly, OpenSpan[]> _daySpans = new();

    internal BusinessCalendar(BusinessHours hours, TimeZoneInfo zone)
    {
        // A snapshot: a later change to the hours does not reach a calendar (and its cached days) made before it.
        Zone = zone;
        _byDay = hours.Intervals.ToLookup(i => i.Day);
        _closures = [.. hours.Closures];
        _holidayState = hours.HolidayState;
    }

    /// <summary>The business's time zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>Whether the business is open at <paramref name="instant"/>.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        foreach (var span in OpenSpansBetween(instant, instant.AddTicks(1)))
        {
            if (span.Start <= instant)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first instant at or after <paramref name="instant"/> at which the business is open; null if none within <see cref="SearchLimit"/>.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset instant)
    {
        if (_byDay.Count == 0)
        {
            return null;
        }

        for (var from = instant; from - instant < SearchLimit; from += SearchChunk)
        {
            var spans = OpenSpansBetween(from, from + SearchChunk);
            if (spans.Count > 0)
            {
                return spans[0].Start;
            }
        }

        return null;
    }

    /// <summary>The first instant at or after <paramref name="instant"/> at which the business is closed; null if none within <see cref="SearchLimit"/>.</summary>
    public DateTimeOffset? NextClosing(DateTimeOffset instant)
    {
        var cursor = instant;
        while (cursor - instant < SearchLimit)
        {
            var until = cursor + SearchChunk;
            var spans = OpenSpansBetween(cursor, until);
            if (spans.Count == 0 || spans[0].Start > cursor)
            {
                return cursor;
            }

            if (spans[0].End < until)
            {
                return spans[0].End;
            }

            cursor = until;
        }

        return null;
    }

    /// <summary>How long the business is open between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        foreach (var span in OpenSpansBetween(from, to))
        {
            total += span.Length;
        }

        return total;
    }

    /// <summary>The opening spans within [<paramref name="from"/>, <paramref name="to"/>), cut to it, merged where they touch, in order.</summary>
    public IReadOnlyList<OpenSpan> OpenSpansBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from || _byDay.Count == 0)
        {
            return [];
        }

        // An interval begins on its day and lasts at most a day; two days back also covers a clock change at midnight.
        var firstDay = LocalDate(from).AddDays(-2);
        var lastDay = LocalDate(to);
        var spans = new List<OpenSpan>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            spans.AddRange(_daySpans.GetOrAdd(day, SpansBeginningOn));
        }

        spans = Merge(spans);
        foreach (var closure in _closures)
        {
            if (closure.IsPartial && closure.FirstDay >= firstDay && closure.FirstDay <= lastDay.AddDays(1))
            {
                var endDay = closure.Until == TimeOnly.MinValue ? closure.FirstDay.AddDays(1) : closure.FirstDay;
                spans = Subtract(spans, Resolve(closure.FirstDay, closure.From!.Value, earliest: true), Resolve(endDay, closure.Until!.Value, earliest: false));
            }
        }

        return Clip(spans, from, to);
    }

    /// <summary>The spans of the intervals that begin on <paramref name="day"/>, none on a closed day.</summary>
    private OpenSpan[] SpansBeginningOn(DateOnly day)
    {
        if (IsClosedAllDay(day))
        {
            return [];
        }

        return [.. _byDay[day.DayOfWeek].Select(interval =>
            new OpenSpan(Resolve(day, interval.Start, earliest: true), Resolve(interval.EndsNextDay ? day.AddDays(1) : day, interval.End, earliest: false)))];
    }

    /// <summary>Whether no interval begins on <paramref name="day"/> because of a closure or public holiday.</summary>
    public bool IsClosedAllDay(DateOnly day)
    {
        if (_holidayState is { } state && HolidaysOf(state, day.Year).Contains(day))
        {
            return true;
        }

        foreach (var closure in _closures)
        {
            if (closure.CoversWholeDay(day))
            {
                return true;
            }
        }

        return false;
    }

    private HashSet<DateOnly> HolidaysOf(GermanState state, int year) =>
        _holidays.GetOrAdd(year, y => GermanHolidays.For(state, y).Select(h => h.Date).ToHashSet());

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant at which the zone's clock shows <paramref name="time"/> on <paramref name="day"/> (see the remarks for gaps and repeats).</summary>
    private DateTimeOffset Resolve(DateOnly day, TimeOnly time, bool earliest)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        var asUtc = new DateTimeOffset(local, TimeSpan.Zero);
        var before = Zone.GetUtcOffset(asUtc.AddDays(-1));
        var after = Zone.GetUtcOffset(asUtc.AddDays(1));
        if (before == after)
        {
            return asUtc - before;
        }

        var first = asUtc - (before > after ? before : after);
        var second = asUtc - (before > after ? after : before);
        var firstValid = Zone.GetUtcOffset(first) == (before > after ? before : after);
        var secondValid = Zone.GetUtcOffset(second) == (before > after ? after : before);
        if (firstValid && secondValid)
        {
            return earliest ? first : second;
        }

        if (firstValid || secondValid)
        {
            return firstValid ? first : second;
        }

        // Skipped by a spring change: the clock jumps at some instant between the two readings.
        var (lo, hi) = (first, second);
        while (hi - lo > TimeSpan.FromSeconds(1))
        {
            var mid = lo + ((hi - lo) / 2);
            if (Zone.GetUtcOffset(mid) == Zone.GetUtcOffset(lo))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return new DateTimeOffset(hi.UtcTicks - (hi.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    private static List<OpenSpan> Merge(List<OpenSpan> spans)
    {
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<OpenSpan>(spans.Count);
        foreach (var span in spans)
        {
            if (span.End <= span.Start)
            {
                continue;
            }

            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = last with { End = span.End > last.End ? span.End : last.End };
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    private static List<OpenSpan> Subtract(List<OpenSpan> spans, DateTimeOffset start, DateTimeOffset end)
    {
        var result = new List<OpenSpan>(spans.Count + 1);
        foreach (var span in spans)
        {
            if (span.End <= start || span.Start >= end)
            {
                result.Add(span);
                continue;
            }

            if (span.Start < start)
            {
                result.Add(span with { End = start });
            }

            if (span.End > end)
            {
                result.Add(span with { Start = end });
            }
        }

        return result;
    }

    private static List<OpenSpan> Clip(List<OpenSpan> spans, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new List<OpenSpan>();
        foreach (var span in spans)
        {
            var start = span.Start > from ? span.Start : from;
            var end = span.End < to ? span.End : to;
            if (end > start)
            {
                result.Add(new OpenSpan(start.ToUniversalTime(), end.ToUniversalTime()));
            }
        }

        return result;
    }
}
