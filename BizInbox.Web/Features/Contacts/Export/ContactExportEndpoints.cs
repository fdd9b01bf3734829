using System.Globalization;
using System.Text.Json;
using BizInbox.Domain;
using BizInbox.Domain.Channels;
using BizInbox.Web.Identity;
using Microsoft.Net.Http.Headers;

namespace BizInbox.Web.Features.Contacts.Export;

/// <summary><c>GET /contacts/export.csv?search=…&amp;channel=…</c>: the contact list's current filter as a CSV download.</summary>
public static class ContactExportEndpoints
{
    public const string Path = "/contacts/export.csv";

    public static IEndpointRouteBuilder MapContactExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(Policies.Manager);
        return endpoints;
    }

    /// <summary>The download's address for a filter of the list (its page and page size do not matter).</summary>
    public static string UrlOf(ContactQuery query)
    {
        var parts = new List<string> { $"sort={query.Sort}", $"descending={query.Descending}" };
        Add("search", query.Search);
        Add("channel", query.Channel?.ToString());
        Add("createdFrom", Instant(query.CreatedFrom));
        Add("createdTo", Instant(query.CreatedTo));
        Add("activeFrom", Instant(query.ActiveFrom));
        Add("activeTo", Instant(query.ActiveTo));
        Add("label", query.LabelId?.ToString(CultureInfo.InvariantCulture));
        Add("standing", query.Standing?.ToString());
        Add("sortAttribute", query.SortAttributeId?.ToString(CultureInfo.InvariantCulture));
        Add("attributes", query.Attributes is { Count: > 0 } conditions ? JsonSerializer.Serialize(conditions) : null);
        return $"{Path.TrimStart('/')}?{string.Join('&', parts)}";

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }

    private static string? Instant(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture);

    private static async Task ExportAsync(
        HttpContext context, ContactExportService export, TimeProvider clock, string? search, ChannelType? channel, DateTimeOffset? createdFrom,
        DateTimeOffset? createdTo, DateTimeOffset? activeFrom, DateTimeOffset? activeTo, ContactSort? sort, bool? descending,
        int? label, ContactStanding? standing, string? attributes, int? sortAttribute)
    {
        // The file holds exactly what the list shows: every filter of the list, or nothing when one cannot be read.
        IReadOnlyList<AttributeCondition>? conditions;
        try
        {
            conditions = string.IsNullOrEmpty(attributes) ? null : JsonSerializer.Deserialize<List<AttributeCondition>>(attributes);
        }
        catch (JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var query = new ContactQuery(search, channel, createdFrom, createdTo, activeFrom, activeTo, sort ?? ContactSort.LastActivity, descending ?? true,
            LabelId: label, Standing: standing, Attributes: conditions, SortAttributeId: sortAttribute);
        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"contacts-{clock.GetUtcNow():yyyy-MM-dd}.csv",
        }.ToString();
        // German Excel splits a double-clicked file at semicolons, English Excel at commas: follow the member's language.
        var separator = CultureInfo.CurrentCulture.TextInfo.ListSeparator == ";" ? ';' : ',';
        try
        {
            await export.WriteAsync(context.Member(), query, response.Body, separator, context.RequestAborted);
        }
        catch (DomainException) when (!response.HasStarted)
        {
            response.Headers.ContentDisposition = default;
            response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }
}
