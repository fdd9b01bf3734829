using System.Globalization;
using System.Text.RegularExpressions;
using BizInbox.Domain.Conversations;

namespace BizInbox.Domain.Scheduling;

/// <summary>
/// An automatic message to send: its kind, its text, and the key naming the period it belongs to (the greeting of a
/// conversation's start or of the end of one silence; the away message of one closed period, named by when it
/// ends). The key is stored as the message's unique key, so a period gets at most one.
/// </summary>
public sealed record AutomaticMessagePlan(AutomaticMessageKind Kind, string Text, string Key);

/// <summary>
/// When a customer's message earns an automatic answer. Decided per customer message from its own instant and
/// the customer's message before it, so the answer does not depend on when or how often the decision runs:
/// <list type="bullet">
/// <item>Outside business hours the away message goes, once per closed period; it stands in for the greeting.</item>
/// <item>In business hours the greeting goes on the conversation's first customer message, and again on a message
/// that ends a silence of at least the configured hours.</item>
/// </list>
/// </summary>
public static partial class AutomaticMessageRules
{
    /// <summary>
    /// What to send for a customer message written at <paramref name="at"/>, given the customer's message before it
    /// (<paramref name="previousCustomerMessageAt"/>, null for the first); null for nothing.
    /// </summary>
    public static AutomaticMessagePlan? Decide(
        AutomaticMessages settings, BusinessCalendar calendar, DateTimeOffset at, DateTimeOffset? previousCustomerMessageAt)
    {
        if (settings.AwayEnabled && !calendar.IsOpen(at))
        {
            var opens = calendar.NextOpening(at);
            var text = FillNextOpening(settings.AwayText, opens, calendar.Zone, Culture(settings.Language), at);
            var period = opens?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "never";
            return text is null ? null : new AutomaticMessagePlan(AutomaticMessageKind.Away, text, $"auto:away:{period}");
        }

        if (!settings.GreetingEnabled)
        {
            return null;
        }

        if (previousCustomerMessageAt is not { } previous)
        {
            return new AutomaticMessagePlan(AutomaticMessageKind.Greeting, settings.GreetingText, "auto:greeting:first");
        }

        return settings.GreetingAgainAfterHours is { } hours && at - previous >= TimeSpan.FromHours(hours)
            ? new AutomaticMessagePlan(AutomaticMessageKind.Greeting, settings.GreetingText, $"auto:greeting:{previous.UtcTicks.ToString(CultureInfo.InvariantCulture)}")
            : null;
    }

    /// <summary>
    /// The next opening as people write it, in the business's zone: "Monday 09:00" within the coming week, with the
    /// date further ahead ("Monday, January 4 09:00"), in <paramref name="culture"/>'s words.
    /// </summary>
    public static string DescribeOpening(DateTimeOffset opens, DateTimeOffset now, TimeZoneInfo zone, CultureInfo culture)
    {
        var local = TimeZoneInfo.ConvertTime(opens, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var weekday = culture.TextInfo.ToTitleCase(local.ToString("dddd", culture));
        var time = local.ToString("HH:mm", culture);
        return (local.Date - today).TotalDays < 7
            ? $"{weekday} {time}"
            : $"{weekday}, {local.ToString(culture.DateTimeFormat.MonthDayPattern, culture)} {time}";
    }

    /// <summary>
    /// Fills <see cref="AutomaticMessages.NextOpeningVariable"/>. When the business never opens again, every sentence
    /// that mentions it is left out rather than promise a time; null when nothing else is left.
    /// </summary>
    public static string? FillNextOpening(string text, DateTimeOffset? opens, TimeZoneInfo zone, CultureInfo culture, DateTimeOffset? now = null)
    {
        if (!Variable().IsMatch(text))
        {
            return text;
        }

        if (opens is { } at)
        {
            var described = DescribeOpening(at, now ?? at, zone, culture);
            return Variable().Replace(text, described);
        }

        var lines = text.ReplaceLineEndings("\n").Split('\n')
            .Select(line => string.Concat(Sentence().Split(line).Where(s => !Variable().IsMatch(s))).TrimEnd())
            .ToList();
        var kept = string.Join('\n', lines).Trim();
        return kept.Length == 0 ? null : kept;
    }

    private static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "de" ? "de-DE" : "en-US");

    [GeneratedRegex(@"\{\{\s*next_opening\s*\}\}", RegexOptions.IgnoreCase)]
    private static partial Regex Variable();

    // Splits after a sentence's end, keeping the space with the sentence before it.
    [GeneratedRegex(@"(?<=[.!?…]\s+)")]
    private static partial Regex Sentence();
}
