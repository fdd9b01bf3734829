using System.Text;
using BizInbox.Domain.Audit;
using Microsoft.AspNetCore.Identity;
using QRCoder;
using BizInbox.Web.Data;
using BizInbox.Web.Identity.Audit;

namespace BizInbox.Web.Identity.TwoFactor;

/// <summary>What the two-factor page shows: the secret to scan or type while it is off, the codes left while it is on.</summary>
public sealed record AuthenticatorState(bool Enabled, string SharedKey, string QrCodeDataUri, int RecoveryCodesLeft);

public enum TwoFactorChange { Enabled, Disabled, RecoveryCodesRenewed }

/// <summary>
/// Turning two-factor sign-in on and off with an authenticator app (Identity's built-in TOTP provider), and its
/// recovery codes. Each change renews the security stamp: other sessions end, this one gets a fresh cookie.
/// Every change passes <see cref="Changed"/>, the one place to record it.
/// </summary>
public sealed class AuthenticatorSetup(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, IUserStore<AppUser> store, AuditLog audit,
    ILogger<AuthenticatorSetup> logger)
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "BizInbox";

    public async Task<AuthenticatorState> LoadAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Stored without renewing the security stamp (as UserManager would): opening this page must not end
            // the member's other sessions. The key only matters once a code from it turns two-factor sign-in on.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            IdentityErrors.ThrowIfFailed(await users.UpdateAsync(user));
        }

        var enabled = await users.GetTwoFactorEnabledAsync(user);
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email ?? user.UserName ?? user.Id)}" +
                  $"?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        return new AuthenticatorState(enabled, Readable(key), enabled ? string.Empty : QrCode(uri),
            enabled ? await users.CountRecoveryCodesAsync(user) : 0);
    }

    /// <summary>Turns two-factor sign-in on when <paramref name="code"/> proves the app has the key; returns the recovery codes, or null.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(AppUser user, string code)
    {
        var typed = new string((code ?? string.Empty).Where(char.IsDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, typed))
        {
            return null;
        }

        IdentityErrors.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, true));
        var codes = await NewRecoveryCodesAsync(user);
        await signIn.RefreshSignInAsync(user);
        await ChangedAsync(user, TwoFactorChange.Enabled);
        return codes;
    }

    public async Task<IReadOnlyList<string>> RenewRecoveryCodesAsync(AppUser user)
    {
        var codes = await NewRecoveryCodesAsync(user);
        await ChangedAsync(user, TwoFactorChange.RecoveryCodesRenewed);
        return codes;
    }

    /// <summary>Turns it off and forgets the key, so that turning it on again needs a fresh scan. The caller has checked the password or a code.</summary>
    public async Task DisableAsync(AppUser user)
    {
        IdentityErrors.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, false));
        IdentityErrors.ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user));
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.RefreshSignInAsync(user);
        await ChangedAsync(user, TwoFactorChange.Disabled);
    }

    /// <summary>Whether <paramref name="code"/> is a current authenticator code of <paramref name="user"/>.</summary>
    public async Task<bool> IsCurrentCodeAsync(AppUser user, string code) =>
        await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider,
            new string((code ?? string.Empty).Where(char.IsDigit).ToArray()));

    private async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(AppUser user) =>
        (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];

    private async Task ChangedAsync(AppUser user, TwoFactorChange change)
    {
        logger.LogInformation("Two-factor sign-in of user {UserId}: {Change}", user.Id, change);
        await audit.RecordAsync(user, user.Email ?? user.Id, change switch
        {
            TwoFactorChange.Enabled => AuditAction.TwoFactorEnabled,
            TwoFactorChange.Disabled => AuditAction.TwoFactorDisabled,
            _ => AuditAction.RecoveryCodesRenewed,
        });
    }

    /// <summary>Groups of four, lower case, as authenticator apps accept them typed.</summary>
    private static string Readable(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    /// <summary>An SVG drawn on the server, as a data address: the page's CSP allows no script to draw it.</summary>
    private static string QrCode(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(5);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
