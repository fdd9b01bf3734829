using BizInbox.Domain;
using Microsoft.AspNetCore.Identity;
using BizInbox.Web.Data;

namespace BizInbox.Web.Identity;

/// <summary>Validation shared by every path that creates an account (setup, accepting an invitation).</summary>
internal static class TeamMembers
{
    public static AppUser NewUser(string displayName, string email, DateTimeOffset now)
    {
        var name = (displayName ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            throw new DomainException("member.name_required", "Please enter a name.");
        }

        if (name.Length > AppUser.MaxDisplayNameLength)
        {
            throw new DomainException("member.name_too_long", $"The name may have at most {AppUser.MaxDisplayNameLength} characters.");
        }

        var address = (email ?? string.Empty).Trim();
        if (!Domain.Team.EmailAddress.IsPlausible(address))
        {
            throw new DomainException("invitation.email_invalid", "The email address is not valid.");
        }

        return new AppUser
        {
            UserName = address,
            Email = address,
            EmailConfirmed = true,
            DisplayName = name,
            IsActive = true,
            CreatedAt = now,
        };
    }
}

/// <summary>Turns Identity's error list into a <see cref="DomainException"/> whose code the UI translates.</summary>
internal static class IdentityErrors
{
    public static void ThrowIfFailed(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var first = result.Errors.First();
        var code = first.Code switch
        {
            "DuplicateUserName" or "DuplicateEmail" => "member.email_taken",
            BizInbox.Web.Security.PasswordPolicyValidator.GuessableCode => "member.password_common",
            var c when c.StartsWith("Password", StringComparison.Ordinal) => "member.password_weak",
            _ => "member.identity_error",
        };
        throw new DomainException(code, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
