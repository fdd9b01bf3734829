using System.Globalization;
using BizInbox.Web.Localization;
using Microsoft.Extensions.Localization;

namespace BizInbox.Web.Features.Reports;

/// <summary>Durations as people read them on a report: "45 s", "4 min 12 s", "1 h 05 min", "2 d 3 h"; a dash for none.</summary>
public static class DurationText
{
    public static string Format(double? seconds, IStringLocalizer<SharedResource> l)
    {
        if (seconds is not { } value)
        {
            return "–";
        }

        var span = TimeSpan.FromSeconds(Math.Round(value));
        var culture = CultureInfo.CurrentCulture;
        return span.TotalSeconds < 60 ? string.Format(culture, l["{0} s"], (int)span.TotalSeconds)
            : span.TotalMinutes < 60 ? string.Format(culture, l["{0} min {1} s"], (int)span.TotalMinutes, span.Seconds)
            : span.TotalHours < 24 ? string.Format(culture, l["{0} h {1:00} min"], (int)span.TotalHours, span.Minutes)
            : string.Format(culture, l["{0} d {1} h"], (int)span.TotalDays, span.Hours);
    }

    /// <summary>A share as a whole percentage, or a dash.</summary>
    public static string Percent(double? share) => share is { } value ? value.ToString("P0", CultureInfo.CurrentCulture) : "–";
}
