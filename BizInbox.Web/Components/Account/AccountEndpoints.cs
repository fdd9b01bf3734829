using BizInbox.Web.Identity;
using BizInbox.Web.Identity.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BizInbox.Web.Components.Account;

internal static class AccountEndpoints
{
    /// <summary>POST /account/logout and /account/logout-everywhere (antiforgery-checked form posts).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<AppUser> signIn, AccountSessions sessions) =>
        {
            await sessions.SignOutAsync(signIn);
            return TypedResults.LocalRedirect("/account/login");
        }).AllowAnonymous();

        endpoints.MapPost("/account/logout-everywhere", async (HttpContext context, SignInManager<AppUser> signIn, AccountSessions sessions) =>
        {
            if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
            {
                await sessions.EndAllAsync(signIn.UserManager, user, "signed out everywhere by the member");
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        });
        return endpoints;
    }
}
