using System.Text.RegularExpressions;

namespace BizInbox.Domain.Contacts;

/// <summary>
/// A field the business adds to every contact ("customer number", "birthday", "VIP"). The key names it for good
/// (segments and exports refer to it); the display name, description, options and position may change, the type may not,
/// because stored values were validated for it.
/// </summary>
public sealed partial class AttributeDefinition
{
    /// <summary>Longest key accepted.</summary>
    public const int MaxKeyLength = 40;

    /// <summary>Longest display name accepted.</summary>
    public const int MaxNameLength = 60;

    /// <summary>Longest description accepted.</summary>
    public const int MaxDescriptionLength = 300;

    /// <summary>Most options a list may have.</summary>
    public const int MaxOptions = 50;

    /// <summary>Longest option of a list.</summary>
    public const int MaxOptionLength = 60;

    private AttributeDefinition()
    {
        Key = string.Empty;
        Name = string.Empty;
        Options = [];
    }

    /// <summary>Identifier.</summary>
    public int Id { get; private set; }

    /// <summary>Lowercase letters, digits and '_', starting with a letter ("customer_number").</summary>
    public string Key { get; private set; }

    /// <summary>What forms and filters call the attribute ("Customer number").</summary>
    public string Name { get; private set; }

    /// <summary>The kind of value; fixed once defined.</summary>
    public AttributeType Type { get; private set; }

    /// <summary>Optional hint shown under the field.</summary>
    public string? Description { get; private set; }

    /// <summary>The choices of a <see cref="AttributeType.List"/> attribute, in the order shown; empty for other types.</summary>
    public IReadOnlyList<string> Options { get; private set; }

    /// <summary>Where the attribute appears among the others (ascending).</summary>
    public int Position { get; private set; }

    /// <summary>A new attribute after validating key, name, description and (for a list) options.</summary>
    public static AttributeDefinition Define(string key, string name, AttributeType type, string? description, IEnumerable<string>? options, int position)
    {
        var trimmedKey = (key ?? string.Empty).Trim();
        if (!KeyPattern().IsMatch(trimmedKey))
        {
            throw new DomainException("attribute.key_invalid", $"The key may hold lowercase letters, digits and _ (at most {MaxKeyLength}), starting with a letter.");
        }

        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type));
        }

        var attribute = new AttributeDefinition { Key = trimmedKey, Type = type, Position = position };
        attribute.Change(name, description, options);
        return attribute;
    }

    /// <summary>Renames the attribute, or changes its description or (for a list) its options.</summary>
    public void Change(string name, string? description, IEnumerable<string>? options)
    {
        var trimmedName = (name ?? string.Empty).Trim();
        if (trimmedName.Length == 0)
        {
            throw new DomainException("attribute.name_required", "Please enter a display name.");
        }

        if (trimmedName.Length > MaxNameLength)
        {
            throw new DomainException("attribute.name_too_long", $"The display name may have at most {MaxNameLength} characters.");
        }

        var trimmedDescription = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (trimmedDescription is { Length: > MaxDescriptionLength })
        {
            throw new DomainException("attribute.description_too_long", $"The description may have at most {MaxDescriptionLength} characters.");
        }

        Options = Type == AttributeType.List ? ValidOptions(options) : [];
        Name = trimmedName;
        Description = trimmedDescription;
    }

    /// <summary>Places the attribute at <paramref name="position"/> among the others.</summary>
    public void MoveTo(int position) => Position = position;

    /// <summary>What a member typed for this attribute, validated (see <see cref="AttributeValue.Read"/>).</summary>
    public AttributeValue? Read(string? input, IFormatProvider culture) => AttributeValue.Read(Type, Options, input, culture);

    private static List<string> ValidOptions(IEnumerable<string>? options)
    {
        var list = (options ?? []).Select(o => o?.Trim() ?? string.Empty).Where(o => o.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count == 0)
        {
            throw new DomainException("attribute.options_required", "A list needs at least one option.");
        }

        if (list.Count > MaxOptions || list.Any(o => o.Length > MaxOptionLength))
        {
            throw new DomainException("attribute.options_too_long", $"A list may have at most {MaxOptions} options of at most {MaxOptionLength} characters.");
        }

        return list;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,39}\z")]
    private static partial Regex KeyPattern();
}
