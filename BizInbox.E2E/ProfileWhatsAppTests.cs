using BizInbox.Web.Identity;
using BizInbox.Domain.Profiles;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using BizInbox.Web.Features.Profiles;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>
/// The business's WhatsApp side as the owner manages it: a new display name is a request (Meta's decline shows with its
/// reason, customers keep the approved name), and a disconnected number leaves its conversations readable but unanswerable.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ProfileWhatsAppTests : BrowserTest, IDisposable
{
    private readonly AppServer _app = new();

    public ProfileWhatsAppTests(BrowserFixture browser) : base(browser)
    {
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public Task Owner_EditsTheProfile_SeesItInThePreviewAndOnThePublicPage_AndAnApprovedNameReplacesTheOldOneThere() => ScenarioAsync(async () =>
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var owner = await _app.CompleteSetupAsync("olga@example.com");
        await WhatsAppSetup.ConnectAsync(_app, owner, graph);
        var page = await OpenAsync(_app.BaseUrl, "owner");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        await Expect(page).Not.ToHaveURLAsync(UrlPath("/account/login"));
        await page.GotoAsync("settings/profile");
        await new Shell(page).WaitUntilInteractiveAsync();

        await page.GetByLabel("About", new() { Exact = true }).FillAsync("Wir reparieren Räder seit 1998.");
        await page.GetByLabel("About", new() { Exact = true }).PressAsync("Tab");
        await Expect(page.GetByTestId("preview-about")).ToHaveTextAsync("Wir reparieren Räder seit 1998.");
        await new ProfilePage(page).OpenAndSaveAsync("fahrrad-nord", reload: false);

        var customer = await OpenAsync(_app.BaseUrl, "customer");
        await customer.GotoAsync("b/fahrrad-nord");
        var publicName = customer.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(publicName).ToHaveTextAsync("Fahrradladen Nord");
        await Expect(customer.GetByText("Wir reparieren Räder seit 1998.")).ToBeVisibleAsync();

        await page.GetByLabel("New display name").FillAsync("Radhaus Nord");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request review" }).ClickAsync();
        await Expect(page.GetByTestId("name-pending")).ToContainTextAsync("Radhaus Nord");
        await customer.ReloadAsync();
        await Expect(publicName).ToHaveTextAsync("Fahrradladen Nord");

        await WhatsAppSetup.PostWebhookAsync(_app, NameDecided("Radhaus Nord", "APPROVED"));
        await NameStatusAsync(owner.Id, NameReviewStatus.Approved);
        await customer.ReloadAsync();
        await Expect(publicName).ToHaveTextAsync("Radhaus Nord");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("approved-name")).ToHaveTextAsync("Radhaus Nord");
    });

    [Fact]
    public Task DeclinedName_ShowsMetasReason_AndThePublicPageKeepsTheApprovedName() => ScenarioAsync(async () =>
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var owner = await _app.CompleteSetupAsync("olga@example.com");
        await WhatsAppSetup.ConnectAsync(_app, owner, graph);
        var page = await OpenAsync(_app.BaseUrl, "owner");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        await Expect(page).Not.ToHaveURLAsync(UrlPath("/account/login"));
        await new ProfilePage(page).OpenAndSaveAsync("fahrrad-nord");

        await page.GetByLabel("New display name").FillAsync("Radhaus Nord");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request review" }).ClickAsync();
        await Expect(page.GetByTestId("name-pending")).ToContainTextAsync("Radhaus Nord");
        var customer = await OpenAsync(_app.BaseUrl, "customer");
        await customer.GotoAsync("b/fahrrad-nord");
        var publicName = customer.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(publicName).ToHaveTextAsync("Fahrradladen Nord");

        await WhatsAppSetup.PostWebhookAsync(_app, NameDeclined("Radhaus Nord", "NAME_NOT_CONSISTENT"));
        await DeclineRecordedAsync(owner.Id);
        await page.ReloadAsync();

        await Expect(page.GetByTestId("name-declined")).ToContainTextAsync("WhatsApp declined the new name.");
        await Expect(page.GetByTestId("decline-reason")).ToContainTextAsync("does not match the business's branding");
        await Expect(page.GetByTestId("approved-name")).ToHaveTextAsync("Fahrradladen Nord");
        await customer.ReloadAsync();
        await Expect(publicName).ToHaveTextAsync("Fahrradladen Nord");
    });

    [Fact]
    public Task DisconnectingTheNumber_AfterConfirming_LeavesItsConversationReadableButTheComposerRefusesReplies() => ScenarioAsync(async () =>
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await WhatsAppSetup.ConnectAsync(_app, await _app.CompleteSetupAsync("olga@example.com"), graph);
        await WhatsAppSetup.PostWebhookAsync(_app, WhatsAppSetup.CustomerText("wamid.disconnect-1", "4917612345678", "Jonas Jansen", "Ist mein Rad fertig?"));
        var page = await OpenAsync(_app.BaseUrl, "owner");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        var inbox = new InboxPage(page);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        await Expect(inbox.Rows.Filter(new() { HasText = "Jonas Jansen" })).ToContainTextAsync("Ist mein Rad fertig?");

        await page.GotoAsync("settings/channels");
        await new Shell(page).WaitUntilInteractiveAsync();
        await page.GetByTestId("whatsapp-disconnect").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Expect(page.GetByText("+49 40 1234567 is disconnected.")).ToBeVisibleAsync();

        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        await inbox.Rows.Filter(new() { HasText = "Jonas Jansen" }).ClickAsync();
        await Expect(inbox.Message("Ist mein Rad fertig?")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("composer-disconnected")).ToHaveTextAsync(
            "This WhatsApp number was disconnected: the conversation stays readable, but no reply can be sent. Private notes still work.");
    });

    private static string NameDeclined(string name, string reason) => $$"""
        {"object":"whatsapp_business_account","entry":[{"id":"{{WhatsAppSetup.BusinessAccountId}}","time":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"changes":[
          {"value":{"display_phone_number":"49401234567","decision":"REJECTED","requested_verified_name":"{{name}}","rejection_reason":"{{reason}}"},"field":"phone_number_name_update"}]}]}
        """;

    private static string NameDecided(string name, string decision) => $$"""
        {"object":"whatsapp_business_account","entry":[{"id":"{{WhatsAppSetup.BusinessAccountId}}","time":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"changes":[
          {"value":{"display_phone_number":"49401234567","decision":"{{decision}}","requested_verified_name":"{{name}}"},"field":"phone_number_name_update"}]}]}
        """;

    /// <summary>Webhooks are stored first and applied by a background writer: wait (polling the profile) until it has applied the decline.</summary>
    private Task DeclineRecordedAsync(string ownerId) => NameStatusAsync(ownerId, NameReviewStatus.Declined);

    private async Task NameStatusAsync(string ownerId, NameReviewStatus status)
    {
        var actor = _app.MemberFor(ownerId);
        using var scope = _app.Services.CreateScope();
        var profiles = scope.ServiceProvider.GetRequiredService<ProfileService>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while ((await profiles.GetAsync(actor)).NameStatus != status)
        {
            DateTimeOffset.UtcNow.ShouldBeLessThan(deadline, $"the name review did not become {status} within a minute");
            await Task.Delay(100);
        }
    }
}
