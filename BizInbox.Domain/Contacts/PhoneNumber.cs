namespace BizInbox.Domain.Contacts;

/// <summary>
/// Phone numbers as one comparable form: international digits without "+" or formatting (WhatsApp's wa_id
/// form, E.164 without the plus). "+49 (0)171 234-5678", "0049 171 2345678" and, with country code 49,
/// "0171 2345678" all become "491712345678", so the same person is one contact.
/// </summary>
public static class PhoneNumber
{
    /// <summary>Normalises <paramref name="input"/>; null when it cannot be a phone number (fewer than 7 or more than 15 digits).</summary>
    /// <param name="input">The number as given.</param>
    /// <param name="defaultCountryCode">Country calling code for national numbers starting with a single 0, e.g. "49".</param>
    public static string? Normalize(string? input, string? defaultCountryCode = null)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var text = input.Trim();
        // "+49 (0)171 ..." : the national trunk zero in brackets is not dialled internationally.
        text = text.Replace("(0)", string.Empty, StringComparison.Ordinal);
        var international = text.StartsWith('+');
        var digits = string.Concat(text.Where(char.IsAsciiDigit));
        if (!international && digits.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits[2..];
            international = true;
        }

        if (!international && digits.StartsWith('0') && defaultCountryCode is { Length: > 0 })
        {
            digits = defaultCountryCode + digits[1..];
        }

        return digits.Length is >= 7 and <= 15 ? digits : null;
    }
}
