using System.Text.RegularExpressions;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>Two-factor sign-in as a member meets it: the QR code's secret into an app, a code at sign-in, a recovery code when the phone is gone.</summary>
[Collection(BrowserGroup.Name)]
public sealed partial class TwoFactorTests(BrowserFixture browser, TwoFactorTests.SeededApp seeded)
    : BrowserTest(browser), IClassFixture<TwoFactorTests.SeededApp>
{
    private const string OwnerEmail = "olga@example.com";

    public sealed class SeededApp : IAsyncLifetime
    {
        public AppServer App { get; } = new();

        public async Task InitializeAsync() => await App.CompleteSetupAsync(OwnerEmail);

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private AppServer App => seeded.App;

    [Fact]
    public Task SetUpWithTheShownSecret_ThenSignInWithACode_AndWithARecoveryCode() => ScenarioAsync(async () =>
    {
        var setup = await OpenAsync(App.BaseUrl, "owner");
        await new SignInPage(setup).SignInAsync(OwnerEmail, AppServer.Password);
        await Expect(setup).Not.ToHaveURLAsync(LoginPath());
        await setup.GotoAsync("account/security");
        await Expect(setup.GetByAltText("QR code for the authenticator app")).ToBeVisibleAsync();
        var key = await setup.GetByTestId("shared-key").InnerTextAsync();
        await setup.GetByLabel("Authentication code").FillAsync(Totp.Now(key));
        await setup.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        var codes = setup.GetByTestId("recovery-codes").Locator("code");
        await Expect(codes).ToHaveCountAsync(10);
        var recoveryCode = await codes.First.InnerTextAsync();

        var withApp = await OpenAsync(App.BaseUrl, "laptop");
        await new SignInPage(withApp).SignInAsync(OwnerEmail, AppServer.Password);
        await Expect(withApp).ToHaveURLAsync(UrlPath("/account/login-2fa"));
        await withApp.GetByLabel("Authentication code").FillAsync(Totp.Now(key));
        await withApp.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(withApp).Not.ToHaveURLAsync(LoginPath());
        await new Shell(withApp).WaitUntilInteractiveAsync();

        var phoneLost = await OpenAsync(App.BaseUrl, "borrowed");
        await new SignInPage(phoneLost).SignInAsync(OwnerEmail, AppServer.Password);
        await phoneLost.GetByRole(AriaRole.Link, new() { Name = "Lost your phone? Use a recovery code" }).ClickAsync();
        await phoneLost.GetByLabel("Recovery code").FillAsync(recoveryCode);
        await phoneLost.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(phoneLost).Not.ToHaveURLAsync(LoginPath());
        await phoneLost.GotoAsync("account/security");
        await Expect(phoneLost.GetByTestId("recovery-codes-left")).ToHaveTextAsync("Recovery codes left: 9");
    });

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginPath();
}
