#if BLAZOR_SCRIPT_SHIM
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace BizInbox.Web.Components;

/// <summary>
/// Serves Blazor's framework script from the copy embedded at build time (see build/BlazorFrameworkScript.targets).
/// </summary>
internal static class BlazorFrameworkScriptEndpoint
{
    private const string ResourceName = "BizInbox.Web.blazor.web.js";

    private static readonly Lazy<(byte[] Content, string ETag)> Script = new(() =>
    {
        using var stream = typeof(BlazorFrameworkScriptEndpoint).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing; rebuild BizInbox.Web.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var content = memory.ToArray();
        return (content, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
    });

    public static IEndpointRouteBuilder MapBlazorFrameworkScript(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_framework/blazor.web.js", (HttpContext context) =>
        {
            var (content, etag) = Script.Value;
            context.Response.Headers.ETag = etag;
            context.Response.Headers.CacheControl = "no-cache";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(content, "text/javascript; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }
}
#endif
