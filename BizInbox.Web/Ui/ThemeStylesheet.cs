using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using MudBlazor;

namespace BizInbox.Web.Ui;

/// <summary>
/// The styles of <see cref="BizTheme.Theme"/> (MudBlazor's CSS variables, scrollbar and chart rules) in light and dark,
/// rendered once per app by MudBlazor's own <see cref="MudThemeProvider"/>. A MudThemeProvider in every circuit built the
/// same 12,700 characters again for each agent and kept them in its render tree, next to a second, unused default
/// theme of its own: some 35 KB per circuit. <see cref="ThemeStyles"/> draws the shared text instead.
/// </summary>
public static class ThemeStylesheet
{
    private static readonly Lazy<Task<MarkupString>> Light = new(() => RenderAsync(dark: false));
    private static readonly Lazy<Task<MarkupString>> Dark = new(() => RenderAsync(dark: true));

    /// <summary>The styles of the light or dark palette: a completed task after the first call for each.</summary>
    public static Task<MarkupString> ForAsync(bool dark) => (dark ? Dark : Light).Value;

    private static async Task<MarkupString> RenderAsync(bool dark)
    {
        // Static rendering needs only what MudThemeProvider injects. Its script calls run after an interactive render,
        // and on disposal, where it stops watching the system's theme: without a browser there is nothing to call.
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IJSRuntime, NoScript>()
            .BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = BizTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
                [nameof(MudThemeProvider.ObserveSystemDarkModeChange)] = false,
            }));
            return output.ToHtmlString();
        });
        return new MarkupString(html);
    }

    private sealed class NoScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult<TValue>(default!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult<TValue>(default!);
    }
}
