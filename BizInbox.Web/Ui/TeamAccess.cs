using System.Security.Claims;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace BizInbox.Web.Ui;

/// <summary>
/// What the signed-in member may see, read from the cascading authentication state with the app's policies: the layout
/// and the menu evaluate it as their parameters are set, instead of keeping an AuthorizeView component per block (each
/// keeps two render trees in every circuit). It follows a change of sign-in as AuthorizeView does.
/// </summary>
public sealed record TeamAccess(ClaimsPrincipal User, bool Agent, bool Manager, bool Owner)
{
    public static readonly TeamAccess None = new(new ClaimsPrincipal(new ClaimsIdentity()), false, false, false);

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public static async Task<TeamAccess> OfAsync(Task<AuthenticationState>? state, IAuthorizationService authorization)
    {
        if (state is null)
        {
            return None;
        }

        var user = (await state).User;
        async Task<bool> MayAsync(string policy) => (await authorization.AuthorizeAsync(user, policy)).Succeeded;
        return new TeamAccess(user, await MayAsync(Policies.Agent), await MayAsync(Policies.Manager), await MayAsync(Policies.Owner));
    }
}
