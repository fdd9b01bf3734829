using System.Globalization;
using BizInbox.Domain;
using BizInbox.Domain.Audit;
using BizInbox.Web.Identity;
using Microsoft.Net.Http.Headers;

namespace BizInbox.Web.Features.Audit;

/// <summary><c>GET /settings/audit/export.csv?from=…&amp;to=…&amp;person=…&amp;action=…&amp;text=…</c>: the audit log's filter as CSV, for the owner.</summary>
public static class AuditExportEndpoints
{
    public const string Path = "/settings/audit/export.csv";

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(Policies.Owner);
        return endpoints;
    }

    public static string UrlOf(AuditFilter filter)
    {
        var parts = new List<string>();
        Add("from", filter.From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("O", CultureInfo.InvariantCulture));
        Add("person", filter.ActorId);
        Add("action", filter.Action?.ToString());
        Add("text", filter.Text);
        return parts.Count == 0 ? Path.TrimStart('/') : $"{Path.TrimStart('/')}?{string.Join('&', parts)}";

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }

    private static async Task ExportAsync(
        HttpContext context, AuditQueries audit, TimeProvider clock, DateTimeOffset? from, DateTimeOffset? to, string? person, AuditAction? action, string? text)
    {
        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"audit-log-{clock.GetUtcNow():yyyy-MM-dd}.csv",
        }.ToString();
        // German Excel splits a double-clicked file at semicolons, English Excel at commas: follow the member's language.
        var separator = CultureInfo.CurrentCulture.TextInfo.ListSeparator == ";" ? ';' : ',';
        try
        {
            await audit.WriteCsvAsync(context.Member(), new AuditFilter(from, to, person, action, text), response.Body, separator, context.RequestAborted);
        }
        catch (DomainException) when (!response.HasStarted)
        {
            response.Headers.ContentDisposition = default;
            response.ContentType = null;
            response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }
}
