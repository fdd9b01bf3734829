using BizInbox.Domain;
using BizInbox.Web.Identity;
using Microsoft.Net.Http.Headers;

namespace BizInbox.Web.Features.Contacts.Privacy;

/// <summary><c>GET /contacts/{id}/export.zip</c>: everything stored about one contact, for owners and managers.</summary>
public static class ContactDataExportEndpoints
{
    public const string Pattern = "/contacts/{id:guid}/export.zip";

    public static string UrlOf(Guid contactId) => $"contacts/{contactId}/export.zip";

    public static IEndpointRouteBuilder MapContactDataExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Pattern, ExportAsync).RequireAuthorization(Policies.Manager);
        return endpoints;
    }

    private static async Task ExportAsync(HttpContext context, ContactDataExport export, Guid id)
    {
        var response = context.Response;
        string fileName;
        try
        {
            fileName = await export.FileNameAsync(context.Member(), id, context.RequestAborted);
        }
        catch (DomainException ex)
        {
            response.StatusCode = ex.Code == "contact.not_found" ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
            return;
        }

        response.ContentType = "application/zip";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        // ZipArchive finishes each compressed entry with a synchronous write, even when disposed asynchronously; allowing it
        // here keeps the zip streamed to the client instead of buffered whole in memory or in a temporary file.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        await export.WriteAsync(context.Member(), id, response.Body, context.RequestAborted);
    }
}
