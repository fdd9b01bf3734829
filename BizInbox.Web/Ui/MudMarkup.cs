using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BizInbox.Web.Ui;

/// <summary>
/// MudBlazor's classes and icon markup for controls drawn as plain elements: a closed <see cref="LazyMenu"/>'s button
/// and icon buttons that need no component of their own. The same look as MudButton, MudIconButton and MudIcon
/// (BizInbox.Tests compares them), without their components: each component keeps two render trees per circuit.
/// Class lists and icons are built once per app and shared by every circuit.
/// </summary>
public static class MudMarkup
{
    private static readonly ConcurrentDictionary<(string Kind, Variant Variant, Color Color, Size Size, Edge Edge, bool Flat, bool FullWidth, string? Css), string> Classes = new();
    private static readonly ConcurrentDictionary<(string Svg, Size Size, Color Color, string? Wrapper), MarkupString> Icons = new();
    private static readonly ConcurrentDictionary<(string Svg, string Classes), MarkupString> Svgs = new();

    /// <summary>The classes of MudMenu's outer element.</summary>
    public static string MenuRoot(string? cssClass) =>
        Classes.GetOrAdd(("menu", default, default, default, default, false, false, cssClass), key => Join("mud-menu", key.Css));

    /// <summary>The classes of a MudButton (<paramref name="dropShadow"/> and <paramref name="fullWidth"/> as its parameters).</summary>
    public static string Button(Variant variant, Color color, Size size, bool dropShadow = true, bool fullWidth = false, string? cssClass = null) =>
        Classes.GetOrAdd(("button", variant, color, size, default, !dropShadow, fullWidth, cssClass), key =>
        {
            var v = Name(key.Variant);
            return Join(string.Join(' ', new[]
            {
                $"mud-button-root mud-button mud-button-{v} mud-button-{v}-{Name(key.Color)} mud-button-{v}-size-{Name(key.Size)}",
                key.FullWidth ? "mud-width-full" : null,
                "mud-ripple",
                key.Flat ? "mud-button-disable-elevation" : null,
            }.OfType<string>()), key.Css);
        });

    /// <summary>A MudButton's start icon (its span and the icon) as markup, to put before the button's text in its label span.</summary>
    public static MarkupString ButtonStartIcon(string svg, Size size) =>
        Icons.GetOrAdd((svg, size, Color.Inherit, $"mud-button-icon-start mud-button-icon-size-{Name(size)}"), Draw);

    /// <summary>The classes of a text-variant MudIconButton.</summary>
    public static string IconButton(Color color, Size size, Edge edge = Edge.False, string? cssClass = null) =>
        Classes.GetOrAdd(("icon-button", default, color, size, edge, false, false, cssClass), key => Join(string.Join(' ', new[]
        {
            "mud-button-root mud-icon-button",
            key.Color == Color.Default ? null : $"mud-{Name(key.Color)}-text hover:mud-{Name(key.Color)}-hover",
            "mud-ripple mud-ripple-icon",
            key.Size == Size.Medium ? null : $"mud-icon-button-size-{Name(key.Size)}",
            key.Edge == Edge.False ? null : $"mud-icon-button-edge-{Name(key.Edge)}",
        }.OfType<string>()), key.Css));

    /// <summary>A decorative MudIcon (an SVG from <c>Icons.*</c>) as markup; MudIcon's colour is Inherit unless given.</summary>
    public static MarkupString Icon(string svg, Size size, Color color = Color.Inherit) =>
        Icons.GetOrAdd((svg, size, color, null), Draw);

    /// <summary>What a MudIconButton shows inside its button: the icon in its label span.</summary>
    public static MarkupString IconButtonLabel(string svg, Size size) => Icons.GetOrAdd((svg, size, Color.Inherit, "mud-icon-button-label"), Draw);

    /// <summary>An SVG icon with the given classes, as MudIcon draws it (for icons inside MudBlazor's own markup, such as a nav group's).</summary>
    /// <remarks>Only the app's own class lists and <c>Icons.*</c> SVGs: both are kept for the app's lifetime and written unencoded.</remarks>
    public static MarkupString Svg(string svg, string classes) =>
        Svgs.GetOrAdd((svg, classes), key => new($"<svg class=\"{key.Classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{key.Svg}</svg>"));

    private static MarkupString Draw((string Svg, Size Size, Color Color, string? Wrapper) icon)
    {
        var color = icon.Color switch
        {
            Color.Default => " mud-icon-default",
            Color.Inherit => "",
            _ => $" mud-{Name(icon.Color)}-text",
        };
        var svg = $"<svg class=\"mud-icon-root{color} mud-svg-icon mud-icon-size-{Name(icon.Size)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon.Svg}</svg>";
        return new(icon.Wrapper is null ? svg : $"<span class=\"{icon.Wrapper}\">{svg}</span>");
    }

    private static string Join(string classes, string? extra) => extra is null ? classes : $"{classes} {extra}";

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
