using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Endpoints;

namespace BizInbox.Web.Identity;

/// <summary>
/// A page a member's role does not include leads to the access-denied page (answered 403); a download or other endpoint
/// answers 403 itself, since a redirect to a page would hand a script or a "save as" an HTML file.
/// </summary>
public static class AccessDeniedResponses
{
    public static IServiceCollection AddAccessDeniedResponses(this IServiceCollection services) =>
        services.ConfigureApplicationCookie(cookie =>
        {
            var redirect = cookie.Events.OnRedirectToAccessDenied;
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                }

                return redirect(context);
            };
        });
}
