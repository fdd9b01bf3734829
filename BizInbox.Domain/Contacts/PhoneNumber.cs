using Lib = PhoneNumbers;

namespace BizInbox.Domain.Contacts;

/// <summary>Why an input is not a phone number.</summary>
public enum PhoneNumberProblem
{
    /// <summary>Nothing was given.</summary>
    Empty,

    /// <summary>The text is not a phone number at all.</summary>
    NotANumber,

    /// <summary>A national number ("0171 ...") without a country to read it in.</summary>
    CountryCodeMissing,

    /// <summary>No country has this calling code.</summary>
    CountryCodeUnknown,

    /// <summary>Too few digits for its country.</summary>
    TooShort,

    /// <summary>Too many digits for its country.</summary>
    TooLong,

    /// <summary>The right length, but no number of its country looks like this.</summary>
    NotInUse,
}

/// <summary>
/// A phone number on Google's libphonenumber: stored in E.164 ("+491712345678"), shown nationally to people in its
/// country and internationally to everyone else. "+49 (0)171 234-5678", "+49 0171 2345678", "0049 171 2345678" and,
/// read in Germany, "0171/2345678" are all one number.
/// </summary>
public sealed record PhoneNumber
{
    /// <summary>Longest input accepted; E.164 has at most 15 digits, formatting adds some.</summary>
    public const int MaxInputLength = 32;

    private static readonly Lib.PhoneNumberUtil Util = Lib.PhoneNumberUtil.GetInstance();
    private readonly Lib.PhoneNumber? _parsed;

    private PhoneNumber(string e164, Lib.PhoneNumber? parsed)
    {
        E164 = e164;
        _parsed = parsed;
    }

    /// <summary>"+" and up to 15 digits: the form stored and compared.</summary>
    public string E164 { get; }

    /// <summary>ISO 3166 region of the number ("DE"), or null when libphonenumber does not know it.</summary>
    public string? Region => _parsed is null ? null : Util.GetRegionCodeForNumber(_parsed) is { } r && r != "ZZ" ? r : null;

    /// <summary>As dialled within its country: "0171 2345678", "(11) 98765-4321".</summary>
    public string National => _parsed is null ? E164 : Util.Format(_parsed, Lib.PhoneNumberFormat.NATIONAL);

    /// <summary>As dialled from abroad: "+49 171 2345678".</summary>
    public string International => _parsed is null ? E164 : Util.Format(_parsed, Lib.PhoneNumberFormat.INTERNATIONAL);

    /// <summary>National format for a viewer in the number's own country, international for everyone else (and when the viewer's country is unknown).</summary>
    public string Format(string? viewerRegion) =>
        viewerRegion is not null && string.Equals(Region, viewerRegion, StringComparison.OrdinalIgnoreCase) ? National : International;

    /// <summary>
    /// Formats a stored number for a viewer. What is stored was checked when it was stored (a WhatsApp number that
    /// libphonenumber does not know yet included), so it is not validated again; a national number typed before
    /// numbers were parsed is shown as it is.
    /// </summary>
    public static string? Display(string? stored, string? viewerRegion) =>
        stored is not null && stored.StartsWith('+') && FromWhatsAppId(stored) is { } number ? number.Format(viewerRegion) : stored;

    /// <summary>Reads a number as a person typed it; national numbers are read in <paramref name="defaultRegion"/>.</summary>
    /// <exception cref="DomainException">The input is not a valid phone number; the code names the reason.</exception>
    public static PhoneNumber Parse(string? input, string? defaultRegion = null) =>
        TryParse(input, defaultRegion, out var number, out var problem) ? number : throw Refusal(problem);

    /// <summary>Reads a number as a person typed it, or says why it is not one.</summary>
    /// <param name="input">Any common notation: "+49 (0)171 234-5678", "0049 171 2345678", "0171/2345678".</param>
    /// <param name="defaultRegion">ISO 3166 region ("DE") for national numbers; without one, a number needs "+" or "00".</param>
    /// <param name="number">The number, when it is one.</param>
    /// <param name="problem">Why it is not, otherwise.</param>
    public static bool TryParse(string? input, string? defaultRegion, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PhoneNumber? number, out PhoneNumberProblem problem)
    {
        number = null;
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            problem = PhoneNumberProblem.Empty;
            return false;
        }

        if (text.Length > MaxInputLength)
        {
            problem = PhoneNumberProblem.TooLong;
            return false;
        }

        // "00" is the international prefix almost everywhere (ITU E.164 recommends it); libphonenumber only reads it
        // for a known region, so without one it stands for "+".
        if (defaultRegion is null && text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }

        Lib.PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(text, defaultRegion?.ToUpperInvariant());
        }
        catch (Lib.NumberParseException ex)
        {
            problem = ex.ErrorType switch
            {
                Lib.ErrorType.INVALID_COUNTRY_CODE when !text.StartsWith('+') => PhoneNumberProblem.CountryCodeMissing,
                Lib.ErrorType.INVALID_COUNTRY_CODE => PhoneNumberProblem.CountryCodeUnknown,
                Lib.ErrorType.TOO_SHORT_NSN or Lib.ErrorType.TOO_SHORT_AFTER_IDD => PhoneNumberProblem.TooShort,
                Lib.ErrorType.TOO_LONG => PhoneNumberProblem.TooLong,
                _ => PhoneNumberProblem.NotANumber,
            };
            return false;
        }

        parsed = Modernised(parsed);
        PhoneNumberProblem? refused = Util.IsPossibleNumberWithReason(parsed) switch
        {
            _ when Util.IsValidNumber(parsed) => null,
            Lib.PhoneNumberUtil.ValidationResult.IS_POSSIBLE => PhoneNumberProblem.NotInUse,
            Lib.PhoneNumberUtil.ValidationResult.TOO_SHORT or Lib.PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY => PhoneNumberProblem.TooShort,
            Lib.PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => PhoneNumberProblem.CountryCodeUnknown,
            _ => PhoneNumberProblem.TooLong,
        };
        problem = refused ?? PhoneNumberProblem.Empty;
        if (refused is not null)
        {
            return false;
        }

        number = new PhoneNumber(Util.Format(parsed, Lib.PhoneNumberFormat.E164), parsed);
        return true;
    }

    /// <summary>
    /// The number behind a WhatsApp id (wa_id, the customer's number as Meta reports it, digits only), or null when it
    /// cannot be one (not 7 to 15 digits). Meta has verified the number, so a number libphonenumber does not (yet)
    /// consider valid is kept; only the known differences between wa_ids and E.164 are mapped:
    /// <list type="bullet">
    /// <item>Mexico: wa_ids of mobiles carry the old mobile prefix "1" after +52 (521 55 1234 5678); Mexico dropped it in
    /// 2019 and E.164 has no 1 (+52 55 1234 5678).</item>
    /// <item>Brazil: accounts registered before mobiles got their ninth digit (2012 to 2016) keep an 8-digit subscriber
    /// number (55 11 8765 4321); E.164 has the 9 (+55 11 98765 4321). Only mobile ranges (old first digit 6 to 9) get
    /// it; landlines (2 to 5) have 8 digits.</item>
    /// <item>Argentina: wa_ids of mobiles carry the 9 after +54 (549 11 2345 6789), which is the E.164 form of a mobile
    /// (nationally 011 15-2345-6789), so nothing changes; a number written without the 9 is a different (fixed-line)
    /// number for libphonenumber too.</item>
    /// </list>
    /// </summary>
    public static PhoneNumber? FromWhatsAppId(string? waId)
    {
        if (WhatsAppIdDigits(waId) is not { } digits)
        {
            return null;
        }

        Lib.PhoneNumber parsed;
        try
        {
            parsed = Util.Parse("+" + digits, null);
        }
        catch (Lib.NumberParseException)
        {
            return new PhoneNumber("+" + digits, null);
        }

        var number = Modernised(parsed);
        return new PhoneNumber(Util.Format(number, Lib.PhoneNumberFormat.E164), number);
    }

    /// <summary>
    /// A wa_id as digits: Meta sends digits only, but a "+", a leading "00" and spacing are tolerated, so that one id
    /// written two ways is one customer. Null when it cannot be an id (not 7 to 15 digits, or a national number).
    /// </summary>
    public static string? WhatsAppIdDigits(string? waId)
    {
        var text = (waId ?? string.Empty).Trim();
        var digits = new string([.. text.Where(c => c is not (' ' or '-' or '(' or ')' or '/' or '.'))]);
        digits = digits.StartsWith('+') ? digits[1..] : digits.StartsWith("00", StringComparison.Ordinal) ? digits[2..] : digits;
        return digits.Length is >= 7 and <= 15 && digits[0] != '0' && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The number as a WhatsApp recipient (Cloud API <c>to</c>): E.164 digits without "+". Meta accepts a phone number there and resolves it to the account.</summary>
    public string ToWhatsAppId() => E164[1..];

    /// <inheritdoc />
    public bool Equals(PhoneNumber? other) => other is not null && E164 == other.E164;

    /// <inheritdoc />
    public override int GetHashCode() => E164.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => E164;

    /// <summary>
    /// Today's form of a number written in a retired notation, which wa_ids and old address books still use: Mexico's
    /// mobile "1" after +52 goes, Brazil's 8-digit mobiles get their 9. Only when the result is a valid number.
    /// </summary>
    private static Lib.PhoneNumber Modernised(Lib.PhoneNumber number)
    {
        var national = Util.GetNationalSignificantNumber(number);
        var today = number.CountryCode switch
        {
            52 when national.Length == 11 && national[0] == '1' => national[1..],
            55 when national.Length == 10 && national[2] is >= '6' and <= '9' => national[..2] + "9" + national[2..],
            _ => null,
        };
        if (today is null || Util.IsValidNumber(number))
        {
            return number;
        }

        var modern = Util.Parse("+" + number.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + today, null);
        return Util.IsValidNumber(modern) ? modern : number;
    }

    private static DomainException Refusal(PhoneNumberProblem problem) => problem switch
    {
        PhoneNumberProblem.Empty => new DomainException("phone.required", "Please enter a phone number."),
        PhoneNumberProblem.CountryCodeMissing => new DomainException("phone.country_code_missing", "Please enter the number with its country code, e.g. +49 171 2345678."),
        PhoneNumberProblem.CountryCodeUnknown => new DomainException("phone.country_code_unknown", "No country has this calling code."),
        PhoneNumberProblem.TooShort => new DomainException("phone.too_short", "The phone number is too short."),
        PhoneNumberProblem.TooLong => new DomainException("phone.too_long", "The phone number is too long."),
        PhoneNumberProblem.NotInUse => new DomainException("phone.not_in_use", "No phone number of this country looks like this."),
        _ => new DomainException("phone.not_a_number", "This is not a phone number."),
    };
}
