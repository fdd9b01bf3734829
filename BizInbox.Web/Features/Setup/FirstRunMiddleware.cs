namespace BizInbox.Web.Features.Setup;

/// <summary>
/// Before setup, every page leads to the setup page; after setup, the setup page does not exist.
/// </summary>
internal sealed class FirstRunMiddleware(RequestDelegate next)
{
    public const string SetupPath = "/setup";

    private static readonly string[] AlwaysOpen = ["/_framework", "/_content", "/_blazor", "/health", "/css", "/js", "/favicon", "/culture", "/hubs", "/lib", "/chat", "/widget.js", "/webhooks", "/simulator/graph"];

    public async Task InvokeAsync(HttpContext context, FirstRunState state)
    {
        var path = context.Request.Path;
        var isSetup = path.StartsWithSegments(SetupPath, StringComparison.OrdinalIgnoreCase);
        if (!isSetup && AlwaysOpen.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }

        var complete = await state.IsCompleteAsync(context.RequestAborted);
        if (isSetup && complete)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!isSetup && !complete && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Redirect(SetupPath);
            return;
        }

        await next(context);
    }
}
