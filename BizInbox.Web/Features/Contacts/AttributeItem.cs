using System.Globalization;
using BizInbox.Domain.Contacts;

namespace BizInbox.Web.Features.Contacts;

/// <summary>A custom contact attribute as the editors and filters show it.</summary>
public sealed record AttributeItem(int Id, string Key, string Name, AttributeType Type, string? Description, IReadOnlyList<string> Options)
{
    /// <summary>What a member typed, validated for this attribute in their culture; null when empty.</summary>
    public AttributeValue? Read(string? input, CultureInfo culture) => AttributeValue.Read(Type, Options, input, culture);

    /// <summary>A stored (canonical) value as the member reads it: numbers and dates in their culture.</summary>
    public string Display(string canonical, CultureInfo culture) => Type switch
    {
        AttributeType.Number when decimal.TryParse(canonical, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => n.ToString(culture),
        AttributeType.Date when DateOnly.TryParseExact(canonical, AttributeValue.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) =>
            d.ToString("d", culture),
        _ => canonical,
    };

    /// <summary>A stored value as the input of a form shows it, so that saving it again reads the same value.</summary>
    public string Editable(string canonical, CultureInfo culture) => Type == AttributeType.Date ? canonical : Display(canonical, culture);
}

/// <summary>An attribute in Settings › Contact attributes, with how many contacts have a value.</summary>
public sealed record AttributeUsageRow(AttributeItem Definition, int Contacts);

/// <summary>What a manager typed to define an attribute; <see cref="Key"/> and <see cref="Type"/> are only read on creation.</summary>
public sealed record AttributeInput(string Key, string Name, AttributeType Type, string? Description, IReadOnlyList<string> Options);
