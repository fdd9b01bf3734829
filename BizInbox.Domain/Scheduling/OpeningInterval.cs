namespace BizInbox.Domain.Scheduling;

/// <summary>
/// One stretch of opening time that begins on <see cref="Day"/> at <see cref="Start"/> (wall clock of the
/// business's zone). An <see cref="End"/> at or before <see cref="Start"/> runs past midnight into the next day
/// (Fri 22:00–02:00); 00:00–00:00 is the whole day.
/// </summary>
public sealed class OpeningInterval
{
    private OpeningInterval()
    {
    }

    /// <summary>Validates the interval; overlaps with others are checked by <see cref="BusinessHours"/>.</summary>
    public OpeningInterval(DayOfWeek day, TimeOnly start, TimeOnly end)
    {
        if (!Enum.IsDefined(day))
        {
            throw new DomainException("hours.day_unknown", "The weekday is not known.");
        }

        if (start == end && start != TimeOnly.MinValue)
        {
            throw BusinessHours.Refuse("hours.interval_empty", "An opening interval must not start and end at the same time (00:00–00:00 is the whole day).", day);
        }

        Day = day;
        Start = start;
        End = end;
    }

    /// <summary>The weekday the interval begins on.</summary>
    public DayOfWeek Day { get; private set; }

    /// <summary>Opening time.</summary>
    public TimeOnly Start { get; private set; }

    /// <summary>Closing time; at or before <see cref="Start"/> means on the next day.</summary>
    public TimeOnly End { get; private set; }

    /// <summary>Whether the interval ends on the following day (or exactly at midnight).</summary>
    public bool EndsNextDay => End <= Start;

    /// <summary>Wall-clock length; the real length differs on days the clocks change.</summary>
    public TimeSpan Length => EndsNextDay ? TimeSpan.FromDays(1) - (Start - End) : End - Start;

    /// <summary>"Friday 22:00–02:00", for log messages.</summary>
    public override string ToString() => $"{Day} {Start:HH\\:mm}–{End:HH\\:mm}";
}
