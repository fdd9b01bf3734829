using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.E2E;

/// <summary>axe-core audits (WCAG 2.1 A and AA) of the screens people use every day; serious and critical findings fail.</summary>
[Collection(BrowserGroup.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, AccessibilityTests.SeededApp seeded) : BrowserTest(browser), IClassFixture<AccessibilityTests.SeededApp>
{
    public sealed class SeededApp : IAsyncLifetime
    {
        public AppServer App { get; } = new();

        public async Task InitializeAsync()
        {
            var owner = await App.CompleteSetupAsync("olga@example.com");
            await ActivatorUtilities.CreateInstance<BizInbox.Web.Data.Seeding.DemoDataSeeder>(App.Services)
                .SeedAsync(new BizInbox.Web.Data.Seeding.SeedOptions(5, 6));
            _ = owner;
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

    [Theory]
    [InlineData("account/login")]
    public Task PublicPages_HaveNoSeriousFindings(string path) => ScenarioAsync(async () =>
    {
        var page = await OpenAsync(seeded.App.BaseUrl, "visitor");
        await page.GotoAsync(path);
        await AuditAsync(page);
    });

    [Fact]
    public Task CustomerChat_HasNoSeriousFindings() => ScenarioAsync(async () =>
    {
        var page = await OpenAsync(seeded.App.BaseUrl, "customer");
        var chat = new CustomerChat(page);
        await chat.GotoAsync(await seeded.App.WebChatKeyAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start chat" })).ToBeVisibleAsync();
        await AuditAsync(page);
    });

    [Theory]
    [InlineData("inbox")]
    [InlineData("settings/team")]
    [InlineData("settings/labels")]
    [InlineData("settings/channels")]
    public Task SignedInPages_HaveNoSeriousFindings(string path) => ScenarioAsync(async () =>
    {
        var page = await OpenAsync(seeded.App.BaseUrl, "owner");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        await page.GotoAsync(path);
        await new Shell(page).WaitUntilInteractiveAsync();
        if (path == "inbox")
        {
            await page.Locator("a.bi-row").First.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Log, new() { Name = "Messages" })).ToBeVisibleAsync();
        }

        await AuditAsync(page);
    });
}
