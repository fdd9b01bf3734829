namespace BizInbox.Web.Security;

/// <summary>
/// Headers on every response. The console allows only its own scripts; styles may be inline because MudBlazor
/// sets style attributes. Pages that must be framed (the customer's chat) set their own policy afterwards.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string DemoPagePath = "/widget-demo.html";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), geolocation=(), payment=(), usb=(), microphone=(self)";
        headers.ContentSecurityPolicy = context.Request.Path.Equals(DemoPagePath, StringComparison.OrdinalIgnoreCase)
            ? DemoPolicy
            : ConsolePolicy(context.Request);
        return next(context);
    }

    private static string ConsolePolicy(HttpRequest request)
    {
        // 'self' covers the circuit's WebSocket in current browsers; the explicit origin keeps older Safari working.
        var socket = $"{(request.IsHttps ? "wss" : "ws")}://{request.Host}";
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
               $"font-src 'self' data:; media-src 'self' blob:; connect-src 'self' {socket}; frame-src 'self'; " +
               "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    // The pretend shop page shows how the widget looks on a site; it is ours to frame, nobody else's.
    private const string DemoPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "frame-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'";
}
