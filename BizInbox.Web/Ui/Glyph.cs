using Microsoft.AspNetCore.Components;

namespace BizInbox.Web.Ui;

/// <summary>
/// A small decorative SVG icon (one of MudBlazor's <c>Icons.*</c>) drawn into its parent's markup, with MudIcon's
/// classes and look. Where an icon repeats per list row or per message, a MudIcon component per occurrence was the
/// largest single share of an inbox circuit's memory (each component keeps two render trees on the server); this is
/// markup only. Use MudIcon where an icon needs colour, size or events from MudBlazor.
/// </summary>
public static class Glyph
{
    /// <param name="svg">The icon's SVG content, e.g. <c>Icons.Material.Filled.Reply</c>.</param>
    /// <param name="cssClass">Extra classes for the <c>svg</c> element.</param>
    /// <param name="title">A tooltip; the icon stays hidden from screen readers, so say the same in text where it matters.</param>
    /// <param name="dataRole">A <c>data-role</c> attribute, for tests and styles.</param>
    public static RenderFragment Small(string svg, string? cssClass = null, string? title = null, string? dataRole = null) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", cssClass is null ? Classes : $"{Classes} {cssClass}");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "data-role", dataRole);
        if (title is not null)
        {
            builder.OpenElement(6, "title");
            builder.AddContent(7, title);
            builder.CloseElement();
        }

        builder.AddMarkupContent(8, svg);
        builder.CloseElement();
    };

    private const string Classes = "mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-small";
}
