using Microsoft.AspNetCore.Diagnostics;

namespace BizInbox.Web.Components;

/// <summary>
/// Unhandled errors outside a page visit (webhooks, the widget's API, media, any fetch) answer a 500 problem response:
/// never a page's HTML with 200, so a caller such as Meta knows to deliver again. Page visits fall through to the
/// friendly error page at /error, still with status 500. No stack trace leaves the server outside Development.
/// </summary>
public sealed class ErrorResponses(IProblemDetailsService problems, ILogger<ErrorResponses> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        if (IsPageVisit(httpContext.Request))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
        });
    }

    /// <summary>A browser asking for a page: a GET or HEAD that accepts HTML.</summary>
    public static bool IsPageVisit(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
