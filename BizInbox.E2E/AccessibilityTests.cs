using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.E2E;

/// <summary>
/// axe-core audits (WCAG 2.1 A and AA) of the screens people use every day, in the light and the dark theme;
/// serious and critical findings fail.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, AccessibilityTests.SeededApp seeded) : BrowserTest(browser), IClassFixture<AccessibilityTests.SeededApp>
{
    public sealed class SeededApp : IAsyncLifetime
    {
        public AppServer App { get; } = new(settings: new Dictionary<string, string> { ["WhatsApp:Simulator:Enabled"] = "true" });

        public async Task InitializeAsync()
        {
            await App.CompleteSetupAsync("olga@example.com");
            await ActivatorUtilities.CreateInstance<BizInbox.Web.Seeding.DemoDataSeeder>(App.Services)
                .SeedAsync(new BizInbox.Web.Seeding.SeedOptions(5, 6));
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private static async Task AuditAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        serious.ShouldBeEmpty(string.Join(Environment.NewLine, serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target) + " " + n.Html[..Math.Min(n.Html.Length, 300)]))}")));
    }

    /// <summary>A browser context in the theme: the app's own choice (its cookie) and the system's (for the chat widget).</summary>
    private async Task<IPage> OpenInThemeAsync(string baseUrl, string person, bool dark)
    {
        var page = await OpenAsync(baseUrl, person);
        await page.EmulateMediaAsync(new() { ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light });
        await page.Context.AddCookiesAsync([new Cookie { Name = "BizInbox.Theme", Value = dark ? "dark" : "light", Url = baseUrl }]);
        return page;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task SetupPage_HasNoSeriousFindings(bool dark) => ScenarioAsync(async () =>
    {
        using var fresh = new AppServer();
        var page = await OpenInThemeAsync(fresh.BaseUrl, "owner", dark);
        await page.GotoAsync("setup");
        await Assertions.Expect(new SetupPage(page).Heading).ToBeVisibleAsync();
        await AuditAsync(page);
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task SignInPage_HasNoSeriousFindings(bool dark) => ScenarioAsync(async () =>
    {
        var page = await OpenInThemeAsync(seeded.App.BaseUrl, "visitor", dark);
        await page.GotoAsync("account/login");
        await AuditAsync(page);
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task CustomerChat_HasNoSeriousFindings(bool dark) => ScenarioAsync(async () =>
    {
        var page = await OpenInThemeAsync(seeded.App.BaseUrl, "customer", dark);
        var chat = new CustomerChat(page);
        await chat.GotoAsync(await seeded.App.WebChatKeyAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start chat" })).ToBeVisibleAsync();
        await AuditAsync(page);
        await chat.StartAsync("Alma Audit", "Gibt es das Brot auch glutenfrei?");
        await AuditAsync(page);
    });

    [Theory]
    [InlineData("inbox", false)]
    [InlineData("inbox", true)]
    [InlineData("settings/team", false)]
    [InlineData("settings/team", true)]
    [InlineData("settings/labels", false)]
    [InlineData("settings/labels", true)]
    [InlineData("settings/canned-replies", false)]
    [InlineData("settings/canned-replies", true)]
    [InlineData("settings/business-hours", false)]
    [InlineData("settings/business-hours", true)]
    [InlineData("settings/channels", false)]
    [InlineData("settings/channels", true)]
    [InlineData("settings/templates", false)]
    [InlineData("settings/templates", true)]
    [InlineData("simulator", false)]
    [InlineData("simulator", true)]
    [InlineData("contacts", false)]
    [InlineData("contacts", true)]
    [InlineData("contact", false)]
    [InlineData("contact", true)]
    public Task SignedInPages_HaveNoSeriousFindings(string path, bool dark) => ScenarioAsync(async () =>
    {
        var page = await OpenInThemeAsync(seeded.App.BaseUrl, "owner", dark);
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        await page.GotoAsync(path == "contact" ? "contacts" : path);
        await new Shell(page).WaitUntilInteractiveAsync();
        (await page.Locator("html").EvaluateAsync<string>("e => getComputedStyle(document.body).backgroundColor"))
            .ShouldBe(dark ? "rgb(17, 20, 24)" : "rgb(245, 247, 248)", "the page is in the theme the cookie asks for");
        if (path == "inbox")
        {
            await page.Locator("a.bi-row").First.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Log, new() { Name = "Messages" })).ToBeVisibleAsync();
        }

        if (path == "contact")
        {
            await page.Locator("table tbody a").First.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Form, new() { Name = "Contact details" })).ToBeVisibleAsync();
        }

        await AuditAsync(page);
    });
}
