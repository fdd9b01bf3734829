using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace BizInbox.E2E.Support;

/// <summary>
/// Base for browser tests: opens isolated browser contexts (one per person), records a Playwright trace of
/// each, and on failure keeps the trace and a screenshot per context under TestResults/e2e.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser)
{
    private static readonly string ArtifactDirectory = AppServer.LogDirectory;

    private readonly List<(string Name, IBrowserContext Context)> _contexts = [];

    // Every journey doubles as a check of the Content-Security-Policy: a blocked script, style or socket fails it.
    private readonly List<string> _blockedByPolicy = [];

    protected async Task<IPage> OpenAsync(string baseUrl, string person, string locale = "en-US")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
        });
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (_blockedByPolicy)
                {
                    _blockedByPolicy.Add($"{person}: {message.Text}");
                }
            }
        };
        context.SetDefaultTimeout(BrowserFixture.ActionTimeout);
        context.SetDefaultNavigationTimeout(BrowserFixture.ConnectTimeout);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        _contexts.Add((person, context));
        return await context.NewPageAsync();
    }

    /// <summary>Runs the scenario; keeps traces and screenshots when it fails, and always closes the contexts.</summary>
    protected async Task ScenarioAsync(Func<Task> scenario, [CallerMemberName] string name = "")
    {
        try
        {
            await scenario();
            lock (_blockedByPolicy)
            {
                _blockedByPolicy.ShouldBeEmpty();
            }

            foreach (var (_, context) in _contexts)
            {
                await context.Tracing.StopAsync();
            }
        }
        catch
        {
            Directory.CreateDirectory(ArtifactDirectory);
            foreach (var (person, context) in _contexts)
            {
                var stem = Path.Combine(ArtifactDirectory, $"{name}-{person}");
                foreach (var page in context.Pages)
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = stem + ".png", FullPage = true });
                }

                await context.Tracing.StopAsync(new TracingStopOptions { Path = stem + ".trace.zip" });
            }

            throw;
        }
        finally
        {
            foreach (var (_, context) in _contexts)
            {
                await context.CloseAsync();
            }

            _contexts.Clear();
        }
    }

    protected static Regex UrlPath(string path) => new($"^[^?#]*{Regex.Escape(path)}([?#].*)?$");
}
