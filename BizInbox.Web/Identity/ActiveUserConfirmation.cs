using Microsoft.AspNetCore.Identity;
using BizInbox.Web.Data;

namespace BizInbox.Web.Identity;

/// <summary>Only active members may sign in; a deactivated member's sign-in comes back as "not allowed".</summary>
internal sealed class ActiveUserConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(user.IsActive);
}
