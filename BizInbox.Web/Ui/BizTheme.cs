using MudBlazor;

namespace BizInbox.Web.Ui;

/// <summary>
/// The one theme, light and dark. Every text colour was checked against the backgrounds it sits on (page,
/// surface, the tinted bubble of a reply) for WCAG AA: at least 4.5:1, most above 6:1.
/// </summary>
public static class BizTheme
{
    /// <summary>The cookie that remembers the choice; read before the first render, so the page never flashes.</summary>
    public const string CookieName = "BizInbox.Theme";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b6b5c",
            PrimaryContrastText = "#ffffff",
            Secondary = "#4b3fa0",
            Tertiary = "#7a4f00",
            AppbarBackground = "#0b6b5c",
            AppbarText = "#ffffff",
            Background = "#f5f7f8",
            BackgroundGray = "#eceff1",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1b1f24",
            DrawerIcon = "#4a5560",
            TextPrimary = "#1b1f24",
            TextSecondary = "#4a5560",
            TextDisabled = "#6b7580",
            ActionDefault = "#4a5560",
            LinesDefault = "#d5dade",
            LinesInputs = "#8a949e",
            Divider = "#d5dade",
            TableLines = "#e3e7ea",
            Error = "#b3261e",
            Success = "#1d6b34",
            Warning = "#7a4f00",
            Info = "#0a5c99",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#5fd4b8",
            PrimaryContrastText = "#06251f",
            Secondary = "#b7aef5",
            Tertiary = "#f0b94d",
            AppbarBackground = "#1b1f24",
            AppbarText = "#e6e9ec",
            Background = "#111418",
            BackgroundGray = "#181c21",
            Surface = "#1b1f24",
            DrawerBackground = "#1b1f24",
            DrawerText = "#e6e9ec",
            DrawerIcon = "#b3bcc5",
            TextPrimary = "#e6e9ec",
            TextSecondary = "#b3bcc5",
            TextDisabled = "#8a949e",
            ActionDefault = "#b3bcc5",
            LinesDefault = "#3a424b",
            LinesInputs = "#6b7580",
            Divider = "#3a424b",
            TableLines = "#2c333a",
            Error = "#ff8f85",
            ErrorContrastText = "#2d0400",
            Success = "#7bd38f",
            SuccessContrastText = "#00210b",
            Warning = "#f0b94d",
            WarningContrastText = "#2a1a00",
            Info = "#86c5f5",
            InfoContrastText = "#001d33",
        },
        Typography = new Typography
        {
            // System fonts: no font is fetched from a third party.
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px", DrawerWidthLeft = "240px" },
    };

    public static bool IsDark(string? cookie) => cookie is "dark" or "material-dark";
}
