using BizInbox.Domain.Team;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;
using BizInbox.Web.Data;

namespace BizInbox.Web.Security;

/// <summary>Applies <see cref="PasswordRules"/> wherever Identity sets a password: set-up, invitation, change, reset.</summary>
internal sealed class PasswordPolicyValidator(CommonPasswords common) : IPasswordValidator<AppUser>
{
    public const string GuessableCode = "PasswordGuessable";

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(PasswordRules.Check(password, user.Email, common.Contains) switch
        {
            null => IdentityResult.Success,
            PasswordProblem.TooShort => IdentityResult.Failed(new IdentityError
            {
                Code = nameof(IdentityErrorDescriber.PasswordTooShort), Description = "The password is too short.",
            }),
            _ => IdentityResult.Failed(new IdentityError { Code = GuessableCode, Description = "The password is too easy to guess." }),
        });
}
