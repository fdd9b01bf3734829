using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;
using Microsoft.Net.Http.Headers;
using BizInbox.Web.Data;

namespace BizInbox.Web.Channels.Media;

/// <summary>
/// <c>GET /media/{id}</c>: a conversation's file for the team's eyes only. Pictures show inline; everything else is a
/// download. The browser is told not to guess the type and not to run anything in it.
/// </summary>
public static class MediaEndpoints
{
    public const string Path = "/media";

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path + "/{id:guid}", ServeAsync).RequireAuthorization(Policies.Agent);
        return endpoints;
    }

    public static string UrlOf(Guid id, bool download = false) => $"{Path}/{id:N}" + (download ? "?download=true" : string.Empty);

    private static async Task<IResult> ServeAsync(Guid id, bool? download, HttpContext context, CurrentMember member, MediaStore media, CancellationToken ct)
    {
        // A deactivated agent's cookie can outlive the account: ask the team, not only the cookie.
        try
        {
            await member.RequireAsync(TeamRight.WorkInInbox, ct);
        }
        catch (BizInbox.Domain.DomainException)
        {
            return Results.Forbid();
        }

        var file = await media.FindAsync(id, ct);
        if (file is null)
        {
            return Results.NotFound();
        }

        return Serve(context, media, file, download == true);
    }

    /// <summary>
    /// The file's bytes with headers that keep a browser from running anything in them: the stored type, <c>nosniff</c>,
    /// a sandboxing CSP, and inline only for pictures, audio and video (unless <paramref name="download"/>).
    /// </summary>
    public static IResult Serve(HttpContext context, MediaStore media, MediaFile file, bool download)
    {
        Stream stream;
        try
        {
            stream = media.Open(file);
        }
        catch (FileNotFoundException)
        {
            return Results.NotFound();
        }
        catch (DirectoryNotFoundException)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";
        headers.CacheControl = "private, max-age=86400";
        var inline = !download && MediaRules.ShownInline(file.MimeType);
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName ?? "file");
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(stream, file.MimeType, enableRangeProcessing: true,
            entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""), lastModified: file.CreatedAt);
    }
}
