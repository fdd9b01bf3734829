using System.Security.Claims;
using BizInbox.Domain.Profiles;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using BizInbox.Web.Features.Profiles;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>A new display name is a request to WhatsApp: Meta's decline shows with its reason, and customers keep the approved name.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ProfileNameReviewTests : BrowserTest, IDisposable
{
    private readonly AppServer _app = new();

    public ProfileNameReviewTests(BrowserFixture browser) : base(browser)
    {
    }

    public void Dispose() => _app.Dispose();

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

    private static string NameDeclined(string name, string reason) => $$"""
        {"object":"whatsapp_business_account","entry":[{"id":"{{WhatsAppSetup.BusinessAccountId}}","time":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"changes":[
          {"value":{"display_phone_number":"49401234567","decision":"REJECTED","requested_verified_name":"{{name}}","rejection_reason":"{{reason}}"},"field":"phone_number_name_update"}]}]}
        """;

    /// <summary>Webhooks are stored first and applied by a background writer: wait (polling the profile) until it has applied the decline.</summary>
    private async Task DeclineRecordedAsync(string ownerId)
    {
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, ownerId)], "seed"));
        using var scope = _app.Services.CreateScope();
        var profiles = scope.ServiceProvider.GetRequiredService<ProfileService>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while ((await profiles.GetAsync(actor)).NameStatus != NameReviewStatus.Declined)
        {
            DateTimeOffset.UtcNow.ShouldBeLessThan(deadline, "the name decline was not applied within a minute");
            await Task.Delay(100);
        }
    }
}
