using System.Globalization;
using BizInbox.Domain.Conversations;
using Microsoft.AspNetCore.WebUtilities;
using BizInbox.Web.Ui;

namespace BizInbox.Web.Features.Search;

/// <summary>What the search page shows, as its address says it (so a search can be bookmarked and shared): /search?q=…&amp;inbox=…</summary>
public sealed record SearchFilter(
    string? Text = null, int? InboxId = null, ConversationStatus? Status = null, int? LabelId = null, string? AssigneeId = null,
    DateOnly? From = null, DateOnly? Until = null)
{
    public string ToUrl()
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Text,
            ["inbox"] = InboxId?.ToString(CultureInfo.InvariantCulture),
            ["status"] = Status?.ToString(),
            ["label"] = LabelId?.ToString(CultureInfo.InvariantCulture),
            ["assignee"] = AssigneeId,
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["until"] = Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString("search", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static ConversationStatus? ParseStatus(string? text) => Enum.TryParse<ConversationStatus>(text, out var status) ? status : null;

    /// <summary>The service's request: dates are whole days in the business's time zone, the last one included.</summary>
    public SearchRequest ToRequest(BusinessTime time, int limit) => new(
        Text, InboxId, Status, LabelId, AssigneeId,
        From is { } from ? time.FromLocal(from.ToDateTime(TimeOnly.MinValue)) : null,
        Until is { } until ? time.FromLocal(until.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null,
        limit);
}
