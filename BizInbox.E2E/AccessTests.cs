using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Identity;
using BizInbox.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>Who gets in, who stays in, and who is kept out, on one seeded installation.</summary>
[Collection(BrowserGroup.Name)]
public sealed class AccessTests(BrowserFixture browser, AccessTests.SeededApp seeded) : BrowserTest(browser), IClassFixture<AccessTests.SeededApp>
{
    public sealed class SeededApp : IAsyncLifetime
    {
        public AppServer App { get; } = new();

        public AppUser Owner { get; private set; } = default!;

        public async Task InitializeAsync() => Owner = await App.CompleteSetupAsync("olga@example.com");

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private AppServer App => seeded.App;

    [Fact]
    public Task DeactivatedAgent_LosesAccessInTheirOpenSession() => ScenarioAsync(async () =>
    {
        await App.AddMemberAsync(seeded.Owner, TeamRole.Agent, "dora@example.com", "Dora Agent");
        var agent = await OpenAsync(App.BaseUrl, "agent");
        await new SignInPage(agent).SignInAsync("dora@example.com", AppServer.Password);
        // Any page of the app will do; these scenarios are about access, not about the inbox.
        await agent.GotoAsync("contacts");
        await new Shell(agent).WaitUntilInteractiveAsync();

        var owner = await OpenAsync(App.BaseUrl, "owner");
        await new SignInPage(owner).SignInAsync("olga@example.com", AppServer.Password);
        var team = new TeamPage(owner);
        await team.GotoAsync();
        await team.DeactivateAsync("Dora Agent");
        await Expect(team.MemberRow("Dora Agent")).ToContainTextAsync("Deactivated");

        // No reload on the agent's side: the live session notices on its own.
        await Expect(agent).ToHaveURLAsync(UrlPath("/account/login"));
        var signIn = new SignInPage(agent);
        await signIn.SignInAsync("dora@example.com", AppServer.Password);
        await Expect(signIn.Alert).ToContainTextAsync("deactivated");
    });

    [Fact]
    public Task WrongPasswords_SlowTheGuesserDown_ButNeverLockTheAccount() => ScenarioAsync(async () =>
    {
        await App.AddMemberAsync(seeded.Owner, TeamRole.Agent, "lars@example.com", "Lars Agent");
        var page = await OpenAsync(App.BaseUrl, "guesser");
        var signIn = new SignInPage(page);
        async Task<string> WrongAsync(int attempt)
        {
            await page.GotoAsync("account/login");
            await signIn.SignInAsync("lars@example.com", $"wrong-password-{attempt}");
            await Expect(signIn.Alert).ToBeVisibleAsync();
            return await signIn.Alert.InnerTextAsync();
        }

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            (await WrongAsync(attempt)).ShouldBe("The email or password is not correct.");
        }

        // From the fourth failure on, each one doubles the wait (2 s, 4 s, ...): soon even a slow browser is inside it.
        var answers = new List<string>();
        for (var attempt = 4; attempt <= 10 && !answers.Any(a => a.StartsWith("Too many failed attempts", StringComparison.Ordinal)); attempt++)
        {
            answers.Add(await WrongAsync(attempt));
        }

        answers.ShouldContain(a => a.StartsWith("Too many failed attempts. Please wait", StringComparison.Ordinal));

        // The wait passes by itself; then the right password works, and no lockout page ever appears.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (page.Url.Contains("/account/login", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await page.GotoAsync("account/login");
            await signIn.SignInAsync("lars@example.com", AppServer.Password);
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                // Still waiting out the delay: the page says how long; try again.
            }
        }

        await Expect(page).Not.ToHaveURLAsync(UrlPath("/account/login"));
        await Expect(page).Not.ToHaveURLAsync(UrlPath("/account/lockout"));
    });

    [Fact]
    public Task AnonymousVisitor_IsSentToSignIn_AndBackAfterwards() => ScenarioAsync(async () =>
    {
        var page = await OpenAsync(App.BaseUrl, "visitor");
        await page.GotoAsync("contacts");
        await Expect(page).ToHaveURLAsync(UrlPath("/account/login"));

        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        await Expect(page).ToHaveURLAsync(UrlPath("/contacts"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contacts" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task GermanBrowser_GetsTheGermanInterface_AndCanSwitchToEnglish() => ScenarioAsync(async () =>
    {
        var page = await OpenAsync(App.BaseUrl, "owner-de", locale: "de-DE");
        await page.GotoAsync("account/login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden" })).ToBeVisibleAsync();
        await page.GetByLabel("E-Mail").FillAsync("olga@example.com");
        await page.GetByLabel("Passwort").FillAsync(AppServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(new Shell(page).NavLink("Posteingang")).ToBeAttachedAsync();
        await page.GotoAsync("contacts");
        await new Shell(page).WaitUntilInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sprache" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "English" }).ClickAsync();
        await Expect(new Shell(page).NavLink("Inbox")).ToBeAttachedAsync();
    });

    [Fact]
    public Task SignOut_EndsTheSession() => ScenarioAsync(async () =>
    {
        var page = await OpenAsync(App.BaseUrl, "owner");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        await page.GotoAsync("contacts");
        await new Shell(page).WaitUntilInteractiveAsync();

        await page.Locator(".bi-usermenu-button").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(UrlPath("/account/login"));
        await page.GotoAsync("inbox");
        await Expect(page).ToHaveURLAsync(UrlPath("/account/login"));
    });
}
