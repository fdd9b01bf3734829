using System.Text.RegularExpressions;

namespace BizInbox.Domain.Labels;

/// <summary>A tag that sorts conversations and contacts, e.g. "order" or "complaint".</summary>
public sealed partial class Label
{
    /// <summary>Longest label name accepted.</summary>
    public const int MaxNameLength = 40;

    private Label()
    {
        Name = string.Empty;
        Color = "#1e88e5";
    }

    /// <summary>Identifier.</summary>
    public int Id { get; private set; }

    /// <summary>Unique name, shown on chips.</summary>
    public string Name { get; private set; }

    /// <summary>Chip colour as #rrggbb.</summary>
    public string Color { get; private set; }

    /// <summary>Creates a label after validating name and colour.</summary>
    public static Label Create(string name, string color)
    {
        var label = new Label();
        label.Change(name, color);
        return label;
    }

    /// <summary>Renames or recolours the label.</summary>
    public void Change(string name, string color)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new DomainException("label.name_required", "The label needs a name.");
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw new DomainException("label.name_too_long", $"A label name may have at most {MaxNameLength} characters.");
        }

        if (!HexColor().IsMatch(color ?? string.Empty))
        {
            throw new DomainException("label.color_invalid", "The colour must look like #1e88e5.");
        }

        Name = trimmed;
        Color = color!.ToLowerInvariant();
    }

    [GeneratedRegex(@"^#[0-9a-fA-F]{6}\z")]
    private static partial Regex HexColor();
}
