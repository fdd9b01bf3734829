namespace BizInbox.E2E.Support;

/// <summary>One headless Chromium for the whole run (Debian's build: Playwright cannot download its own here).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // Limits that hold on a loaded 2-core CI machine, where a page or circuit can take several times as long as on
    // a desk. A test waits for its condition and goes on the moment it holds, so a generous limit costs time only
    // when the test fails anyway.

    /// <summary>For an expectation (Playwright's Expect) to come true.</summary>
    public const float ExpectTimeout = 20_000;

    /// <summary>For an action (click, fill) to find its element ready.</summary>
    public const float ActionTimeout = 20_000;

    /// <summary>For a page to load, or a live connection (Blazor's circuit) to come up or come back.</summary>
    public const float ConnectTimeout = 30_000;

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("BIZINBOX_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {executable}. Install it with 'apt-get install -y chromium' or set BIZINBOX_CHROMIUM.");
        }

        Assertions.SetDefaultExpectTimeout(ExpectTimeout);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                // A synthetic microphone (a beep), allowed without a prompt: voice messages are recorded in tests.
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
