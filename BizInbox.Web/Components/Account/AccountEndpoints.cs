using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Antiforgery;
using BizInbox.Web.Identity.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using BizInbox.Web.Data;
using BizInbox.Web.Identity.Audit;

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

        endpoints.MapPost("/account/logout-everywhere", async (
            HttpContext context, SignInManager<AppUser> signIn, AccountSessions sessions, AuditLog audit, CurrentMember member) =>
        {
            // Without a form parameter nothing refuses a failed token on this endpoint's behalf.
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                return Results.BadRequest();
            }

            if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
            {
                await sessions.EndAllAsync(signIn.UserManager, user, "signed out everywhere by the member");
                await audit.RecordAsync(member, Domain.Audit.AuditAction.SignedOutEverywhere);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()); // not implied without a form parameter: another site's form must not end every session
        return endpoints;
    }
}
