namespace BizInbox.Web.Features.Profiles;

public static class ProfileEndpoints
{
    /// <summary>The public profile's picture; anonymous like the page that shows it.</summary>
    public static void MapProfilePicture(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/b/{slug}/picture", async (string slug, ProfileService profiles, HttpContext context, CancellationToken ct) =>
        {
            if (await profiles.PictureAsync(slug, ct) is not { } picture)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=300";
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            return Results.File(picture.Content, picture.ContentType);
        }).AllowAnonymous();
}
