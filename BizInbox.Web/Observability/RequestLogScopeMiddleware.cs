using BizInbox.Web.Identity;

namespace BizInbox.Web.Observability;

/// <summary>
/// Every log line written during a request carries the user id (the host already adds trace id and path).
/// Only the id: names, emails and message bodies stay out of logs.
/// </summary>
internal sealed class RequestLogScopeMiddleware(RequestDelegate next, ILogger<RequestLogScopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using (logger.BeginScope("User:{UserId}", context.User.UserId() ?? "anonymous"))
        {
            await next(context);
        }
    }
}
