namespace BizInbox.Domain.Team;

/// <summary>Why a new password is refused.</summary>
public enum PasswordProblem
{
    /// <summary>Fewer than <see cref="PasswordRules.MinimumLength"/> characters.</summary>
    TooShort,

    /// <summary>On a list of common or breached passwords, one with only digits or symbols around it, or built from the e-mail.</summary>
    Guessable,
}

/// <summary>
/// Length over composition rules (NIST SP 800-63B): at least 12 characters and not something an attacker
/// tries first. Digits or symbols added to a listed password do not make it safe ("password2024!").
/// </summary>
public static class PasswordRules
{
    /// <summary>Twelve characters: long enough that guessing beats nobody's patience, short enough for a phrase.</summary>
    public const int MinimumLength = 12;

    private const int MinimumDistinctCharacters = 5;

    /// <summary>The problem with <paramref name="password"/>, or null; <paramref name="isListed"/> looks a candidate up in a list of common passwords.</summary>
    public static PasswordProblem? Check(string? password, string? email, Func<string, bool> isListed)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return PasswordProblem.TooShort;
        }

        var lower = password.ToLowerInvariant();
        var core = lower.Trim(Padding);
        if (lower.Distinct().Count() < MinimumDistinctCharacters || core.Length == 0 || isListed(lower) || isListed(core)
            || IsRepeated(core) || ContainsMailbox(lower, email))
        {
            return PasswordProblem.Guessable;
        }

        return null;
    }

    private static readonly char[] Padding = "0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ".ToCharArray();

    /// <summary>"dragondragon", "abcabcabcabc": a short listed unit said twice or more.</summary>
    private static bool IsRepeated(string value)
    {
        for (var unit = 1; unit <= value.Length / 2; unit++)
        {
            if (value.Length % unit == 0 && string.Concat(Enumerable.Repeat(value[..unit], value.Length / unit)) == value)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsMailbox(string password, string? email)
    {
        var mailbox = email?.Split('@')[0].ToLowerInvariant();
        return mailbox is { Length: >= 4 } && password.Contains(mailbox, StringComparison.Ordinal);
    }
}
