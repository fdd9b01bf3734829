using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;

namespace BizInbox.Web.Security;

public enum SignInOutcome { SignedIn, WrongCredentials, Throttled, LockedOut, Deactivated }

public sealed record SignInAttempt(SignInOutcome Outcome, AppUser? User = null, TimeSpan? RetryAfter = null);

/// <summary>
/// Sign-in and the current-password check of change password, throttled per address and account. An unknown
/// e-mail costs one password hash like a known one and gets the same answer, so neither time nor text tells
/// whether an account exists. A wrong password never locks an account; only a signed-in session that keeps
/// getting its current password wrong does (see <see cref="ChangePasswordAsync"/>).
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, SignInThrottle throttle,
    Features.Audit.AuditLog audit)
{
    private static readonly AppUser Nobody = new();
    private static string? _nobodysHash;

    public async Task<SignInAttempt> SignInAsync(string? address, string email, string password, bool remember)
    {
        var account = email.Trim();
        if (throttle.RetryAfter(address, account) is { } wait)
        {
            return new SignInAttempt(SignInOutcome.Throttled, RetryAfter: wait);
        }

        var user = await users.FindByEmailAsync(account);
        if (user is null)
        {
            _nobodysHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(Nobody, _nobodysHash, password);
            throttle.Failed(address, account);
            await audit.RecordAsync(null, account, Domain.Audit.AuditAction.SignInFailed, "unknown e-mail");
            return new SignInAttempt(SignInOutcome.WrongCredentials);
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            throttle.Failed(address, account);
            await audit.RecordAsync(user, account, Domain.Audit.AuditAction.SignInFailed, "wrong password");
            return new SignInAttempt(SignInOutcome.WrongCredentials);
        }

        throttle.Succeeded(address, account);
        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(user, account, Domain.Audit.AuditAction.SignInRefused, "locked out");
            return new SignInAttempt(SignInOutcome.LockedOut, user);
        }

        if (!await signIn.CanSignInAsync(user))
        {
            await audit.RecordAsync(user, account, Domain.Audit.AuditAction.SignInRefused, "deactivated");
            return new SignInAttempt(SignInOutcome.Deactivated, user);
        }

        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInAsync(user, remember);
        await audit.RecordAsync(user, account, Domain.Audit.AuditAction.SignedIn);
        return new SignInAttempt(SignInOutcome.SignedIn, user);
    }

    /// <summary>
    /// Wrong current passwords count towards the throttle and towards a lockout: only someone holding this
    /// session can cause it, and an owner can unlock the account on the Team page.
    /// </summary>
    public async Task<(SignInAttempt Attempt, IdentityResult? Result)> ChangePasswordAsync(
        string? address, AppUser user, string current, string next)
    {
        var account = user.Email ?? user.Id;
        if (throttle.RetryAfter(address, account) is { } wait)
        {
            return (new SignInAttempt(SignInOutcome.Throttled, user, wait), null);
        }

        if (!await users.CheckPasswordAsync(user, current))
        {
            throttle.Failed(address, account);
            await users.AccessFailedAsync(user);
            await audit.RecordAsync(user, account, Domain.Audit.AuditAction.SignInFailed, "wrong current password when changing the password");
            if (await users.IsLockedOutAsync(user))
            {
                await signIn.SignOutAsync();
                return (new SignInAttempt(SignInOutcome.LockedOut, user), null);
            }

            return (new SignInAttempt(SignInOutcome.WrongCredentials, user), null);
        }

        var result = await users.ChangePasswordAsync(user, current, next);
        if (result.Succeeded)
        {
            // The change renewed the security stamp: this session gets a fresh cookie, others end.
            await signIn.RefreshSignInAsync(user);
            await audit.RecordAsync(user, account, Domain.Audit.AuditAction.PasswordChanged);
        }

        return (new SignInAttempt(SignInOutcome.SignedIn, user), result);
    }
}
