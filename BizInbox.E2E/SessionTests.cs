using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>Signing out ends the session on the server: an open tab of it ends too, without waiting for a revalidation.</summary>
[Collection(BrowserGroup.Name)]
public sealed class SessionTests(BrowserFixture browser, SessionTests.SeededApp seeded) : BrowserTest(browser), IClassFixture<SessionTests.SeededApp>
{
    private const string OwnerEmail = "olga@example.com";

    public sealed class SeededApp : IAsyncLifetime
    {
        // A revalidation far beyond the test's wait: only the immediate notice can end the other tab in time.
        public AppServer App { get; } = new(settings: new Dictionary<string, string> { ["Identity:RevalidationInterval"] = "00:10:00" });

        public async Task InitializeAsync() => await App.CompleteSetupAsync(OwnerEmail);

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public Task SigningOutInOneTab_SendsTheOtherOpenTabToSignIn() => ScenarioAsync(async () =>
    {
        var first = await OpenAsync(seeded.App.BaseUrl, "owner");
        await new SignInPage(first).SignInAsync(OwnerEmail, AppServer.Password);
        await first.GotoAsync("contacts");
        await new Shell(first).WaitUntilInteractiveAsync();
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync("contacts");
        await new Shell(second).WaitUntilInteractiveAsync();

        await new Shell(first).UserMenu.ClickAsync();
        await first.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();
        await Expect(first).ToHaveURLAsync(UrlPath("/account/login"));

        // The other tab's circuit hears of the sign-out at once instead of at its next revalidation.
        await Expect(second).ToHaveURLAsync(UrlPath("/account/login"), new() { Timeout = 10_000 });
    });
}
