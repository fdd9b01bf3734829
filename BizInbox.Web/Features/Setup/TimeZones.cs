namespace BizInbox.Web.Features.Setup;

/// <summary>The zones offered at setup: the DACH region first, then the rest of the system's list.</summary>
internal static class TimeZones
{
    private static readonly string[] Preferred = ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"];

    public static IReadOnlyList<string> Common { get; } = Preferred
        .Concat(TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal)).Order())
        .Distinct()
        .ToList();
}
