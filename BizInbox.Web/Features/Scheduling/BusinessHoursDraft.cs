using System.Globalization;
using BizInbox.Domain.Scheduling;
using BizInbox.Web.Ui;

namespace BizInbox.Web.Features.Scheduling;

/// <summary>One interval as typed ("09:00"); kept as text so that a refused value stays in its field.</summary>
public sealed class IntervalDraft
{
    public string Start { get; set; } = "09:00";

    public string End { get; set; } = "17:00";
}

/// <summary>The settings page's form: the week as typed, the zone, the holidays and the closures so far.</summary>
public sealed class BusinessHoursDraft
{
    /// <summary>Monday first, as German weeks are written.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string TimeZoneId { get; set; } = "Europe/Berlin";

    /// <summary>A <see cref="GermanState"/> name, or empty for none.</summary>
    public string HolidayState { get; set; } = string.Empty;

    public Dictionary<DayOfWeek, List<IntervalDraft>> Days { get; } = Week.ToDictionary(d => d, _ => new List<IntervalDraft>());

    public List<ClosureRow> Closures { get; } = [];

    public static BusinessHoursDraft From(BusinessHoursSettings settings)
    {
        var draft = new BusinessHoursDraft { TimeZoneId = settings.TimeZoneId, HolidayState = settings.HolidayState?.ToString() ?? string.Empty };
        foreach (var interval in settings.Intervals)
        {
            draft.Days[interval.Day].Add(new IntervalDraft { Start = Text(interval.Start), End = Text(interval.End) });
        }

        draft.Closures.AddRange(settings.Closures);
        return draft;
    }

    /// <summary>Field key of an interval's time, e.g. "Monday.0.Start".</summary>
    public static string Key(DayOfWeek day, int index, string part) => $"{day}.{index}.{part}";

    public static string Text(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>The settings to save, or null after adding <paramref name="unreadable"/> under each time that is not one.</summary>
    public BusinessHoursSettings? ToSettings(FieldErrors errors, string unreadable)
    {
        var intervals = new List<IntervalRow>();
        foreach (var (day, list) in Days)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var (start, end) = (ParseTime(list[i].Start), ParseTime(list[i].End));
                if (start is null)
                {
                    errors.Add(Key(day, i, "Start"), unreadable);
                }

                if (end is null)
                {
                    errors.Add(Key(day, i, "End"), unreadable);
                }

                if (start is { } s && end is { } e)
                {
                    intervals.Add(new IntervalRow(day, s, e));
                }
            }
        }

        var state = Enum.TryParse<GermanState>(HolidayState, out var parsed) ? parsed : (GermanState?)null;
        return errors.Any ? null : new BusinessHoursSettings(true, TimeZoneId, state, intervals, [.. Closures]);
    }
}
