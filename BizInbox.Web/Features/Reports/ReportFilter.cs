using System.Globalization;
using BizInbox.Domain.Channels;
using Microsoft.AspNetCore.Http;

namespace BizInbox.Web.Features.Reports;

/// <summary>Whether times count every minute, or only the business's open hours (holidays and closures excluded).</summary>
public enum ReportClock
{
    Calendar = 0,
    Business = 1,
}

/// <summary>How the figures over time are grouped.</summary>
public enum ReportGrouping
{
    Day = 0,
    Week = 1,
    Month = 2,
}

/// <summary>
/// What a report covers: the days <see cref="From"/> to <see cref="To"/> (both included, in the business's time zone)
/// and the filters. <see cref="Ad"/> is null for every source, <see cref="AnyAd"/> for conversations that came via any
/// ad, or one ad's id.
/// </summary>
public sealed record ReportFilter(
    DateOnly From, DateOnly To, ReportClock Clock = ReportClock.Calendar, ReportGrouping Grouping = ReportGrouping.Day,
    string? AgentId = null, int? InboxId = null, ChannelType? Channel = null, int? LabelId = null, string? Ad = null)
{
    /// <summary>The <see cref="Ad"/> value for "came via any ad".</summary>
    public const string AnyAd = "*";

    /// <summary>The longest range a report covers (a little over a year, so "last 12 months" fits with room).</summary>
    public const int MaxDays = 400;

    /// <summary>The filter as query-string parameters (for the export links).</summary>
    public string ToQueryString()
    {
        var parts = new List<string>
        {
            $"from={From:yyyy-MM-dd}", $"to={To:yyyy-MM-dd}", $"clock={Clock}", $"group={Grouping}",
        };
        if (AgentId is not null) parts.Add("agent=" + Uri.EscapeDataString(AgentId));
        if (InboxId is { } inbox) parts.Add("inbox=" + inbox.ToString(CultureInfo.InvariantCulture));
        if (Channel is { } channel) parts.Add("channel=" + channel);
        if (LabelId is { } label) parts.Add("label=" + label.ToString(CultureInfo.InvariantCulture));
        if (Ad is not null) parts.Add("ad=" + Uri.EscapeDataString(Ad));
        return string.Join('&', parts);
    }

    /// <summary>Reads a filter from a query string; null (with the reason) when it is not a valid one.</summary>
    public static ReportFilter? FromQuery(IQueryCollection query, out string? error)
    {
        error = null;
        if (!DateOnly.TryParseExact(query["from"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ||
            !DateOnly.TryParseExact(query["to"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            error = "from and to must be dates (yyyy-MM-dd).";
            return null;
        }

        var filter = new ReportFilter(from, to,
            Enum.TryParse<ReportClock>(query["clock"], true, out var clock) ? clock : ReportClock.Calendar,
            Enum.TryParse<ReportGrouping>(query["group"], true, out var group) ? group : ReportGrouping.Day,
            NullIfEmpty(query["agent"]),
            int.TryParse(query["inbox"], CultureInfo.InvariantCulture, out var inbox) ? inbox : null,
            Enum.TryParse<ChannelType>(query["channel"], true, out var channel) ? channel : null,
            int.TryParse(query["label"], CultureInfo.InvariantCulture, out var label) ? label : null,
            NullIfEmpty(query["ad"]));
        error = filter.Problem();
        return error is null ? filter : null;
    }

    /// <summary>Why the filter cannot be reported on; null when it can.</summary>
    public string? Problem() => To < From
        ? "The end date is before the start date."
        : To.DayNumber - From.DayNumber + 1 > MaxDays ? $"A report covers at most {MaxDays} days." : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>The preset date ranges, in the business's time zone.</summary>
public enum ReportPreset
{
    Today,
    Last7Days,
    Last30Days,
    ThisMonth,
    LastMonth,
    Last12Months,
    Custom,
}

public static class ReportPresets
{
    /// <summary>The days a preset covers, on <paramref name="today"/> (the business's date).</summary>
    public static (DateOnly From, DateOnly To) Range(ReportPreset preset, DateOnly today) => preset switch
    {
        ReportPreset.Today => (today, today),
        ReportPreset.Last7Days => (today.AddDays(-6), today),
        ReportPreset.Last30Days => (today.AddDays(-29), today),
        ReportPreset.ThisMonth => (new DateOnly(today.Year, today.Month, 1), today),
        ReportPreset.LastMonth => (new DateOnly(today.Year, today.Month, 1).AddMonths(-1), new DateOnly(today.Year, today.Month, 1).AddDays(-1)),
        ReportPreset.Last12Months => (today.AddMonths(-12).AddDays(1), today),
        _ => (today.AddDays(-29), today),
    };

    /// <summary>The first day of the group <paramref name="day"/> belongs to (weeks begin on Monday).</summary>
    public static DateOnly BucketOf(DateOnly day, ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        ReportGrouping.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    /// <summary>The first day of the group after the one that begins on <paramref name="bucket"/>.</summary>
    public static DateOnly NextBucket(DateOnly bucket, ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Week => bucket.AddDays(7),
        ReportGrouping.Month => bucket.AddMonths(1),
        _ => bucket.AddDays(1),
    };
}
