using System.Globalization;

namespace BizInbox.Domain.Contacts;

/// <summary>
/// A validated attribute value: <see cref="Text"/> is canonical (numbers culture-invariant, dates as yyyy-MM-dd, a list
/// option as defined, "true"/"false"); <see cref="Number"/> and <see cref="Date"/> repeat it in a form every database
/// compares and sorts.
/// </summary>
public sealed record AttributeValue(string Text, double? Number = null, DateOnly? Date = null)
{
    /// <summary>Longest value accepted (any type).</summary>
    public const int MaxTextLength = 500;

    /// <summary>How a date is written canonically.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    /// <summary>Whether a checkbox value is ticked.</summary>
    public bool IsChecked => Text == "true";

    /// <summary>
    /// Reads what a member typed for an attribute of <paramref name="type"/>: null when the input is empty (the value is
    /// removed), else the value in its canonical form. Numbers are read in <paramref name="culture"/>, then culture-invariantly.
    /// </summary>
    public static AttributeValue? Read(AttributeType type, IReadOnlyList<string> options, string? text, IFormatProvider culture)
    {
        var input = text?.Trim();
        if (string.IsNullOrEmpty(input))
        {
            return null;
        }

        if (input.Length > MaxTextLength)
        {
            throw new DomainException("attribute.value_too_long", $"A value may have at most {MaxTextLength} characters.");
        }

        return type switch
        {
            AttributeType.Number => ReadNumber(input, culture),
            AttributeType.Date => ReadDate(input, culture),
            AttributeType.List => new AttributeValue(options.FirstOrDefault(o => string.Equals(o, input, StringComparison.OrdinalIgnoreCase))
                ?? throw new DomainException("attribute.option_unknown", "Please pick one of the list's options.")),
            AttributeType.Checkbox => bool.TryParse(input, out var ticked)
                ? new AttributeValue(ticked ? "true" : "false")
                : throw new DomainException("attribute.checkbox_invalid", "A checkbox is either ticked or not."),
            AttributeType.Link => ReadLink(input),
            _ => new AttributeValue(input),
        };
    }

    // No group separators: "1.500" would be 1500 in German and 1.5 in English, so only a decimal separator is read.
    private static AttributeValue ReadNumber(string input, IFormatProvider culture)
    {
        if (!decimal.TryParse(input, NumberStyle, culture, out var number) && !decimal.TryParse(input, NumberStyle, CultureInfo.InvariantCulture, out number))
        {
            throw new DomainException("attribute.number_invalid", "Please enter a number, e.g. 12.5 (no thousands separators).");
        }

        return new AttributeValue(number.ToString(CultureInfo.InvariantCulture), (double)number);
    }

    private static AttributeValue ReadDate(string input, IFormatProvider culture)
    {
        if (!DateOnly.TryParseExact(input, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && !DateOnly.TryParse(input, culture, DateTimeStyles.None, out date))
        {
            throw new DomainException("attribute.date_invalid", "Please enter a date, e.g. 2026-03-31.");
        }

        return new AttributeValue(date.ToString(DateFormat, CultureInfo.InvariantCulture), Date: date);
    }

    private static AttributeValue ReadLink(string input)
    {
        if (!Uri.TryCreate(input, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            throw new DomainException("attribute.url_invalid", "Please enter a web address starting with http:// or https://.");
        }

        return new AttributeValue(input);
    }
}
