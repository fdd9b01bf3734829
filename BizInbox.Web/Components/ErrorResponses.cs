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
        if (exception is BadHttpRequestException bad)
        {
            // The request could not be read (a body cut off by a caller that gave up, one too large): the caller's or
            // its connection's doing, not the server's, so it answers the request's own status and is no error.
            logger.LogInformation("Unreadable request on {Method} {Path} ({Status}): {Reason}", httpContext.Request.Method, httpContext.Request.Path, bad.StatusCode, bad.Message);
            httpContext.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = { Status = bad.StatusCode, Title = "The request could not be read." },
            });
        }

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
