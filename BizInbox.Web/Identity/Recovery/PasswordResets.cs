using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity.Sessions;
using BizInbox.Web.Security;
using Microsoft.AspNetCore.Identity;
using BizInbox.Web.Data;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Identity.Mail;

namespace BizInbox.Web.Identity.Recovery;

public enum ResetOutcome { Done, InvalidLink, PasswordRejected, WrongCode, Throttled }

public sealed record ResetResult(ResetOutcome Outcome, IdentityResult? Password = null, TimeSpan? RetryAfter = null);

/// <summary>
/// Getting back into an account: a one-time reset link (e-mailed, or made by an owner or manager for a member), or
/// a recovery code of two-factor sign-in. A link expires (<see cref="TeamAccessOptions.PasswordResetLinkLifetime"/>)
/// and works once: it is bound to the security stamp, which the reset renews. A reset also lifts a lockout and ends
/// every session of the account. <see cref="Reset"/> is the one place a reset happens.
/// </summary>
public sealed class PasswordResets(
    UserManager<AppUser> users, AccountSessions sessions, SignInThrottle throttle, SmtpMailer mailer,
    AuditLog audit, IServiceScopeFactory scopes, ILogger<PasswordResets> logger)
{
    public bool CanEmail => mailer.IsConfigured;

    public static async Task<Uri> LinkForAsync(UserManager<AppUser> users, AppUser user, Uri baseUri)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return new Uri(baseUri, $"account/reset-password?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}");
    }

    /// <summary>
    /// Mails a link when the address belongs to an active member. The lookup and the mail happen after the answer,
    /// so that an unknown address takes as long as a known one; the request is recorded (the address typed, from
    /// where) before either, the same way for both.
    /// </summary>
    public async Task RequestByEmailAsync(string email, Uri baseUri)
    {
        if (!CanEmail || string.IsNullOrWhiteSpace(email))
        {
            return;
        }

        await audit.RecordAsync(null, email, Domain.Audit.AuditAction.PasswordResetRequested);

        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var resets = scope.ServiceProvider.GetRequiredService<PasswordResets>();
                await resets.MailLinkAsync(email.Trim(), baseUri);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Mailing a password reset link failed");
            }
        });
    }

    public async Task<bool> IsLinkValidAsync(string? userId, string? token)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        return user is not null && token is not null && await users.VerifyUserTokenAsync(
            user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token);
    }

    public async Task<ResetResult> ResetWithLinkAsync(string? userId, string? token, string newPassword)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || token is null || !await IsLinkValidAsync(userId, token))
        {
            return new ResetResult(ResetOutcome.InvalidLink);
        }

        return await Reset(user, token, newPassword, "reset link");
    }

    /// <summary>For a member with two-factor sign-in who lost the password: a recovery code stands in for the link.</summary>
    public async Task<ResetResult> ResetWithRecoveryCodeAsync(string? address, string email, string recoveryCode, string newPassword)
    {
        var account = (email ?? string.Empty).Trim();
        if (throttle.RetryAfter(address, account) is { } wait)
        {
            return new ResetResult(ResetOutcome.Throttled, RetryAfter: wait);
        }

        var user = await users.FindByEmailAsync(account);
        if (user is null || !user.TwoFactorEnabled)
        {
            throttle.Failed(address, account);
            return new ResetResult(ResetOutcome.WrongCode);
        }

        // The password is judged before the code is spent, so a rejected password does not cost a code.
        if (await CheckPasswordRulesAsync(user, newPassword) is { Succeeded: false } rejected)
        {
            return new ResetResult(ResetOutcome.PasswordRejected, rejected);
        }

        var typed = new string((recoveryCode ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (!(await users.RedeemTwoFactorRecoveryCodeAsync(user, typed)).Succeeded)
        {
            throttle.Failed(address, account);
            return new ResetResult(ResetOutcome.WrongCode);
        }

        throttle.Succeeded(address, account);
        return await Reset(user, await users.GeneratePasswordResetTokenAsync(user), newPassword, "recovery code");
    }

    internal async Task MailLinkAsync(string email, Uri baseUri)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || !user.IsActive)
        {
            return;
        }

        var link = await LinkForAsync(users, user, baseUri);
        await mailer.SendAsync(user.Email!, "Reset your BizInbox password / BizInbox-Passwort zurücksetzen",
            $"Open this link to choose a new password. / Öffnen Sie diesen Link, um ein neues Passwort zu wählen.\n\n{link}\n\n" +
            "If you did not ask for this, ignore this mail. / Wenn Sie das nicht angefordert haben, ignorieren Sie diese Mail.\n",
            CancellationToken.None);
    }

    private async Task<ResetResult> Reset(AppUser user, string token, string newPassword, string how)
    {
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? new ResetResult(ResetOutcome.InvalidLink)
                : new ResetResult(ResetOutcome.PasswordRejected, result);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await sessions.EndAllAsync(users, user, $"password reset by {how}");
        await audit.RecordAsync(user, user.Email ?? user.Id, Domain.Audit.AuditAction.PasswordReset, how);
        logger.LogInformation("Password of user {UserId} reset by {How}", user.Id, how);
        return new ResetResult(ResetOutcome.Done);
    }

    private async Task<IdentityResult> CheckPasswordRulesAsync(AppUser user, string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            if (await validator.ValidateAsync(users, user, password) is { Succeeded: false } failed)
            {
                return failed;
            }
        }

        return IdentityResult.Success;
    }
}
