using System.Globalization;
using BizInbox.Domain;
using BizInbox.Web.Identity;
using Microsoft.Net.Http.Headers;

namespace BizInbox.Web.Features.Reports;

/// <summary>
/// <c>GET /reports/export/summary.csv</c> (the figures) and <c>GET /reports/export/conversations.csv</c> (one row per
/// conversation), for the same filter as the page's (query string of <see cref="ReportFilter.ToQueryString"/>).
/// </summary>
public static class ReportExportEndpoints
{
    public const string SummaryPath = "/reports/export/summary.csv";
    public const string ConversationsPath = "/reports/export/conversations.csv";

    public static IEndpointRouteBuilder MapReportExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SummaryPath, (HttpContext context, ReportExport export) =>
            WriteAsync(context, "report", (filter, body, separator, ct) => export.WriteSummaryAsync(context.Member(), filter, body, separator, ct)))
            .RequireAuthorization(Policies.Manager);
        endpoints.MapGet(ConversationsPath, (HttpContext context, ReportExport export) =>
            WriteAsync(context, "report-conversations", (filter, body, separator, ct) => export.WriteConversationsAsync(context.Member(), filter, body, separator, ct)))
            .RequireAuthorization(Policies.Manager);
        return endpoints;
    }

    private static async Task WriteAsync(
        HttpContext context, string name, Func<ReportFilter, Stream, char, CancellationToken, Task> write)
    {
        var response = context.Response;
        if (ReportFilter.FromQuery(context.Request.Query, out var error) is not { } filter)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            await response.WriteAsync(error ?? "Invalid report filter.", context.RequestAborted);
            return;
        }

        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"{name}-{filter.From:yyyy-MM-dd}-{filter.To:yyyy-MM-dd}.csv",
        }.ToString();

        // German Excel splits a double-clicked file at semicolons, English Excel at commas: follow the member's language.
        var separator = CultureInfo.CurrentCulture.TextInfo.ListSeparator == ";" ? ';' : ',';
        try
        {
            await write(filter, response.Body, separator, context.RequestAborted);
        }
        catch (DomainException) when (!response.HasStarted)
        {
            response.Headers.ContentDisposition = default;
            response.ContentType = null;
            response.StatusCode = StatusCodes.Status403Forbidden;
        }

    }
}
