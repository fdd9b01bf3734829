namespace BizInbox.Domain.Scheduling;

/// <summary>
/// Days on which the business stays closed (a holiday, a company closure), or part of one day
/// (<see cref="From"/>–<see cref="Until"/>, wall clock; an <see cref="Until"/> of 00:00 means the end of the day).
/// </summary>
public sealed class Closure
{
    /// <summary>Longest reason accepted.</summary>
    public const int MaxReasonLength = 80;

    /// <summary>Longest closure: a year and a day, so that a typo in the year is caught.</summary>
    public const int MaxDays = 366;

    private Closure()
    {
        Reason = string.Empty;
    }

    /// <summary>First closed day.</summary>
    public DateOnly FirstDay { get; private set; }

    /// <summary>Last closed day (the same as <see cref="FirstDay"/> for one day).</summary>
    public DateOnly LastDay { get; private set; }

    /// <summary>Start of a partial closure; null when closed all day.</summary>
    public TimeOnly? From { get; private set; }

    /// <summary>End of a partial closure (00:00 is the end of the day).</summary>
    public TimeOnly? Until { get; private set; }

    /// <summary>Why, e.g. "Betriebsferien"; may be empty.</summary>
    public string Reason { get; private set; }

    /// <summary>Whether only part of the day is closed.</summary>
    public bool IsPartial => From is not null;

    /// <summary>Closed all day from <paramref name="firstDay"/> to <paramref name="lastDay"/>, both included.</summary>
    public static Closure Days(DateOnly firstDay, DateOnly lastDay, string? reason)
    {
        if (lastDay < firstDay)
        {
            throw new DomainException("hours.closure_ends_before_start", "A closure cannot end before it starts.");
        }

        if (lastDay.DayNumber - firstDay.DayNumber >= MaxDays)
        {
            throw new DomainException("hours.closure_too_long", $"A closure may last at most {MaxDays} days.");
        }

        return new Closure { FirstDay = firstDay, LastDay = lastDay, Reason = CheckReason(reason) };
    }

    /// <summary>Closed on <paramref name="day"/> from <paramref name="from"/> until <paramref name="until"/>.</summary>
    public static Closure Hours(DateOnly day, TimeOnly from, TimeOnly until, string? reason)
    {
        if (until != TimeOnly.MinValue && until <= from)
        {
            throw new DomainException("hours.closure_times", "A partial closure must end after it starts.");
        }

        return new Closure { FirstDay = day, LastDay = day, From = from, Until = until, Reason = CheckReason(reason) };
    }

    /// <summary>Whether <paramref name="day"/> is closed all day by this closure.</summary>
    public bool CoversWholeDay(DateOnly day) => !IsPartial && day >= FirstDay && day <= LastDay;

    private static string CheckReason(string? reason)
    {
        var trimmed = (reason ?? string.Empty).Trim();
        if (trimmed.Length > MaxReasonLength)
        {
            throw new DomainException("hours.closure_reason_too_long", $"A closure's reason may have at most {MaxReasonLength} characters.");
        }

        return trimmed;
    }
}
