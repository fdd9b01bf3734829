using System.Security.Claims;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using BizInbox.Web.Data;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Security;

namespace BizInbox.Web.Identity;

public enum SignInOutcome { SignedIn, WrongCredentials, Throttled, LockedOut, Deactivated, RequiresTwoFactor, TwoFactorExpired }

public sealed record SignInAttempt(SignInOutcome Outcome, AppUser? User = null, TimeSpan? RetryAfter = null);

/// <summary>
/// Sign-in and the current-password check of change password, throttled per address and account. An unknown
/// e-mail costs one password hash like a known one and gets the same answer, so neither time nor text tells
/// whether an account exists. A wrong password never locks an account; only a signed-in session that keeps
/// getting its current password wrong does (see <see cref="ChangePasswordAsync"/>).
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, SignInThrottle throttle,
    AuditLog audit)
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
        if (await users.GetTwoFactorEnabledAsync(user) && !await signIn.IsTwoFactorClientRememberedAsync(user))
        {
            // Identity's own half-signed-in cookie: it names the user for the code step, nothing more.
            var pending = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
            pending.AddClaim(new Claim(ClaimTypes.Name, user.Id));
            await signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(pending));
            return new SignInAttempt(SignInOutcome.RequiresTwoFactor, user);
        }

        await signIn.SignInAsync(user, remember);
        await audit.RecordAsync(user, account, Domain.Audit.AuditAction.SignedIn);
        return new SignInAttempt(SignInOutcome.SignedIn, user);
    }

    /// <summary>
    /// The second step: a code from the authenticator app, or one of the recovery codes. Wrong codes count towards
    /// the same throttle as wrong passwords, and towards Identity's lockout (only someone who knows the password
    /// can cause that; an owner unlocks on the Team page).
    /// </summary>
    public async Task<SignInAttempt> SecondFactorAsync(string? address, string code, bool isRecoveryCode, bool remember, bool rememberBrowser)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return new SignInAttempt(SignInOutcome.TwoFactorExpired);
        }

        var account = user.Email ?? user.Id;
        if (throttle.RetryAfter(address, account) is { } wait)
        {
            return new SignInAttempt(SignInOutcome.Throttled, user, wait);
        }

        var typed = new string((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());
        var result = isRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(typed)
            : await signIn.TwoFactorAuthenticatorSignInAsync(typed.Replace("-", string.Empty), remember, rememberBrowser);
        var kind = isRecoveryCode ? "recovery code" : "authenticator code";
        if (result.Succeeded)
        {
            throttle.Succeeded(address, account);
            var details = isRecoveryCode ? $"{kind}, {await users.CountRecoveryCodesAsync(user)} left" : kind;
            await audit.RecordAsync(user, account, Domain.Audit.AuditAction.SignedIn, details);
            return new SignInAttempt(SignInOutcome.SignedIn, user);
        }

        if (result.IsLockedOut)
        {
            await audit.RecordAsync(user, account, Domain.Audit.AuditAction.SignInRefused, $"locked out at the {kind}");
            return new SignInAttempt(SignInOutcome.LockedOut, user);
        }

        if (result.IsNotAllowed)
        {
            await audit.RecordAsync(user, account, Domain.Audit.AuditAction.SignInRefused, "deactivated");
            return new SignInAttempt(SignInOutcome.Deactivated, user);
        }

        throttle.Failed(address, account);
        await audit.RecordAsync(user, account, Domain.Audit.AuditAction.SignInFailed, $"wrong {kind}");
        return new SignInAttempt(SignInOutcome.WrongCredentials, user);
    }

    /// <summary>Checks the password of a signed-in member before a sensitive change (turning off two-factor sign-in), throttled.</summary>
    public async Task<SignInAttempt> ConfirmPasswordAsync(string? address, AppUser user, string password)
    {
        var account = user.Email ?? user.Id;
        if (throttle.RetryAfter(address, account) is { } wait)
        {
            return new SignInAttempt(SignInOutcome.Throttled, user, wait);
        }

        if (!await users.CheckPasswordAsync(user, password ?? string.Empty))
        {
            throttle.Failed(address, account);
            return new SignInAttempt(SignInOutcome.WrongCredentials, user);
        }

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
