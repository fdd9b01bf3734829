namespace BizInbox.Domain.Team;

/// <summary>A deliberately loose check: one @, a dot in the domain, no spaces. The mailbox decides the rest.</summary>
public static class EmailAddress
{
    /// <summary>Longest address accepted, as in RFC 5321.</summary>
    public const int MaxLength = 254;

    /// <summary>Whether <paramref name="value"/> could be an address worth sending to.</summary>
    public static bool IsPlausible(string? value)
    {
        if (value is null || value.Length is < 3 or > MaxLength || value.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == value.LastIndexOf('@')
            && value.IndexOf('.', at) > at + 1
            && !value.EndsWith('.');
    }
}
