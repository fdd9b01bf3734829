using BizInbox.Domain.Scheduling;

namespace BizInbox.Tests.Domain.Scheduling;

/// <summary>Builds schedules in Europe/Berlin from short text such as "Mon-Fri 09:00-17:00".</summary>
internal static class Schedules
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static BusinessCalendar Calendar(GermanState? state, IEnumerable<Closure> closures, params string[] lines) =>
        BusinessHours.Create(1, lines.SelectMany(Parse), state, closures).InZone(Berlin);

    public static BusinessCalendar Calendar(params string[] lines) => Calendar(null, [], lines);

    /// <summary>"Mon-Fri 09:00-17:00" or "Fri 22:00-02:00".</summary>
    public static IEnumerable<OpeningInterval> Parse(string line)
    {
        var parts = line.Split(' ');
        var days = parts[0].Split('-').Select(d => Array.FindIndex(Week, w => w.ToString().StartsWith(d, StringComparison.Ordinal))).ToArray();
        var times = parts[1].Split('-').Select(TimeOnly.Parse).ToArray();
        for (var i = days[0]; i <= days[^1]; i++)
        {
            yield return new OpeningInterval(Week[i], times[0], times[1]);
        }
    }

    /// <summary>The instant of an unambiguous Berlin wall-clock time.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
