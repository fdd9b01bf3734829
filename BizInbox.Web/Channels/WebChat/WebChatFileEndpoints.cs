using BizInbox.Web.Channels.Media;

namespace BizInbox.Web.Channels.WebChat;

/// <summary>
/// <c>GET /chat/files/{id}?access=…</c>: a file of a web chat conversation for the customer's widget. No cookie: the
/// ticket in the address (see <see cref="WebChatFiles"/>) says who may have it. Served like the team's media: the stored
/// type, <c>nosniff</c>, a sandboxing CSP, pictures inline and everything else as a download.
/// </summary>
public static class WebChatFileEndpoints
{
    public static IEndpointRouteBuilder MapWebChatFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WebChatFiles.Path + "/{id:guid}", ServeAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(Guid id, string? access, bool? download, HttpContext context, WebChatFiles files, MediaStore media, CancellationToken ct)
    {
        if (files.Read(access) is not { } ticket)
        {
            return Results.Unauthorized();
        }

        // A genuine ticket for another file opens nothing: the visitor may not have this one, whoever they are.
        var file = ticket.FileId == id ? await files.FindAsync(ticket.Visitor, id, ct) : null;
        if (file is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return MediaEndpoints.Serve(context, media, file, download == true);
    }
}
