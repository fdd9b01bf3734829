using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>The verified badge follows what WhatsApp reports: the header and the customer's web chat show it only for an Official Business Account.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ProfileBadgeTests : BrowserTest, IDisposable
{
    private readonly ShiftableClock _clock = new();
    private readonly AppServer _app;

    public ProfileBadgeTests(BrowserFixture browser) : base(browser) => _app = new AppServer(_clock);

    public void Dispose() => _app.Dispose();

    [Fact]
    public Task Owner_RefreshesWhatWhatsAppReports_AndTheBadgeAppearsInTheHeaderAndTheWebChat() => ScenarioAsync(async () =>
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await WhatsAppSetup.ConnectAsync(_app, await _app.CompleteSetupAsync("olga@example.com"), graph);
        var page = await OpenAsync(_app.BaseUrl, "owner");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        await page.GotoAsync("settings/profile");
        await page.GetByTestId("profile-save").ClickAsync();
        await Expect(page.GetByTestId("whatsapp-synced")).ToBeVisibleAsync();

        await page.GetByTestId("verification-refresh").ClickAsync();
        await Expect(page.GetByTestId("oba")).ToHaveTextAsync("No");
        var customer = await OpenAsync(_app.BaseUrl, "customer");
        var chat = new CustomerChat(customer);
        await chat.GotoAsync(await _app.WebChatKeyAsync());
        await Expect(chat.Title).Not.ToHaveTextAsync("Chat");
        await Expect(customer.Locator("#verified")).ToBeHiddenAsync();

        graph.PhoneNumber(WhatsAppSetup.PhoneNumberId).IsOfficialBusinessAccount = true;
        await page.GetByTestId("verification-refresh").ClickAsync();
        await Expect(page.GetByTestId("oba")).ToHaveTextAsync("Yes, the badge is shown");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("header-business").GetByRole(Microsoft.Playwright.AriaRole.Img, new() { Name = "Verified by WhatsApp" })).ToBeVisibleAsync();
        await customer.ReloadAsync();
        await Expect(customer.GetByRole(Microsoft.Playwright.AriaRole.Img, new() { Name = "Verified by WhatsApp" })).ToBeVisibleAsync();
    });
}
