using BizInbox.Web.Identity.Recovery;
using BizInbox.Web.Security;
using Microsoft.Extensions.Localization;

namespace BizInbox.Web.Components.Account;

/// <summary>What the reset and recovery forms post (the recovery form also the e-mail and a code).</summary>
public sealed class NewPasswordInput
{
    public string Email { get; set; } = string.Empty;
    public string Code { get; set; } = string.Empty;
    public string Password { get; set; } = string.Empty;
    public string Confirm { get; set; } = string.Empty;
}

/// <summary>The messages next to the fields of a reset or recovery form.</summary>
public sealed class NewPasswordErrors
{
    public string? Form { get; private set; }
    public string? Code { get; private set; }
    public string? Password { get; private set; }
    public string? Confirm { get; private set; }

    /// <summary>Checks what can be checked before asking the server; false when something is missing.</summary>
    public bool Check(NewPasswordInput input, IStringLocalizer L)
    {
        Form = Code = null;
        Password = string.IsNullOrEmpty(input.Password) ? L["Please choose a password."].Value : null;
        Confirm = input.Password != input.Confirm ? L["The new passwords do not match."].Value : null;
        return Password is null && Confirm is null;
    }

    public void From(ResetResult result, IStringLocalizer L)
    {
        switch (result.Outcome)
        {
            case ResetOutcome.PasswordRejected:
                Password = result.Password!.Errors.Any(e => e.Code == PasswordPolicyValidator.GuessableCode)
                    ? L["Error.member.password_common"] : L["Error.member.password_weak"];
                break;
            case ResetOutcome.WrongCode:
                Code = L["The email or recovery code is not correct."];
                break;
            case ResetOutcome.Throttled:
                Form = string.Format(L["Too many failed attempts. Please wait {0} seconds and try again."], (int)result.RetryAfter!.Value.TotalSeconds);
                break;
        }
    }
}
