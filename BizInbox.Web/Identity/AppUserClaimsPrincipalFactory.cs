using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using BizInbox.Web.Data;

namespace BizInbox.Web.Identity;

/// <summary>Adds the display name to the cookie so the shell can greet the user without a query.</summary>
internal sealed class AppUserClaimsPrincipalFactory(
    UserManager<AppUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    public const string DisplayNameClaim = "bizinbox:display_name";

    /// <summary>Present when the member has two-factor sign-in turned on (the team may require it).</summary>
    public const string TwoFactorClaim = "bizinbox:2fa";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoFactorClaim, "1"));
        }
        return identity;
    }
}

public static class ClaimsPrincipalExtensions
{
    public static string DisplayName(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(AppUserClaimsPrincipalFactory.DisplayNameClaim) ?? principal.Identity?.Name ?? string.Empty;

    public static bool HasTwoFactor(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == AppUserClaimsPrincipalFactory.TwoFactorClaim);

    public static string? UserId(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.NameIdentifier);

    public static Domain.Team.TeamRole? TeamRole(this ClaimsPrincipal principal) =>
        Roles.All.Where(principal.IsInRole).Select(Roles.Parse).FirstOrDefault();
}
