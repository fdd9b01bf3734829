using System.Collections.Concurrent;
using System.Text.Encodings.Web;
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
    /// <param name="title">A tooltip; the icon stays hidden from screen readers, so say the same in text where it matters.
    /// A fixed (localized) text only, never a customer's or agent's: every distinct title is kept for the app's lifetime.</param>
    /// <param name="dataRole">A <c>data-role</c> attribute, for tests and styles.</param>
    public static MarkupString Small(string svg, string? cssClass = null, string? title = null, string? dataRole = null) =>
        new(Drawn.GetOrAdd((svg, cssClass, title, dataRole), Draw));

    // One markup frame per icon instead of eight (region, element, attributes, title, path): a list of 50 rows and a thread
    // keep far fewer frames in both of their render trees. The same few icons, classes and (localized) titles recur,
    // so the finished markup is kept once per app and shared by every circuit.
    private static readonly ConcurrentDictionary<(string Svg, string? CssClass, string? Title, string? DataRole), string> Drawn = new();

    private static string Draw((string Svg, string? CssClass, string? Title, string? DataRole) icon)
    {
        var encode = HtmlEncoder.Default;
        var classes = icon.CssClass is null ? Classes : $"{Classes} {encode.Encode(icon.CssClass)}";
        var role = icon.DataRole is null ? "" : $" data-role=\"{encode.Encode(icon.DataRole)}\"";
        var title = icon.Title is null ? "" : $"<title>{encode.Encode(icon.Title)}</title>";
        return $"<svg class=\"{classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\"{role}>{title}{icon.Svg}</svg>";
    }

    private const string Classes = "mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-small";
}
