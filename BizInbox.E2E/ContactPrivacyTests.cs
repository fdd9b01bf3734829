using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Channels.WebChat;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>The owner downloads a customer's data and then erases them, while an agent has their conversation open.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ContactPrivacyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public Task Owner_ExportsThenErasesAContact_AndTheAgentsOpenConversationTurnsAnonymousLive() => ScenarioAsync(async () =>
    {
        using var app = new AppServer();
        var owner = await app.CompleteSetupAsync("olga@example.com");
        await app.AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var chat = app.Services.GetRequiredService<WebChatService>();
        var (_, clara) = await chat.StartAsync(await app.WebChatKeyAsync(), "Clara Kundin", null, "+49 171 2345678");
        var (_, conversationId) = await chat.SendAsync(clara, Guid.NewGuid().ToString("N"), "Is the cake ready?");

        var anna = await OpenAsync(app.BaseUrl, "anna");
        await new SignInPage(anna).SignInAsync("anna@example.com", AppServer.Password);
        var annasInbox = new InboxPage(anna);
        await annasInbox.GotoAsync(conversationId);
        await Expect(annasInbox.Message("Is the cake ready?")).ToBeVisibleAsync();
        await annasInbox.Tab("All").ClickAsync();
        await Expect(annasInbox.Row(conversationId)).ToContainTextAsync("Clara Kundin");

        var olga = await OpenAsync(app.BaseUrl, "olga");
        await new SignInPage(olga).SignInAsync("olga@example.com", AppServer.Password);
        await olga.GotoAsync($"contacts/{clara.ContactId}");
        await new Shell(olga).WaitUntilInteractiveAsync();
        var download = await olga.RunAndWaitForDownloadAsync(() => olga.GetByTestId("contact-data-export").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".zip");

        await olga.GetByRole(AriaRole.Button, new() { Name = "Erase this contact" }).ClickAsync();
        var dialog = olga.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("phone numbers");
        var confirm = dialog.GetByRole(AriaRole.Button, new() { Name = "Erase contact" });
        await Expect(confirm).ToBeDisabledAsync();
        await dialog.GetByLabel("Type \"Clara Kundin\" to confirm").FillAsync("Clara Kundin");
        await Expect(confirm).ToBeEnabledAsync();
        await confirm.ClickAsync();

        await Expect(olga).ToHaveURLAsync(UrlPath("/contacts"));
        await Expect(olga.GetByText("Contact erased.")).ToBeVisibleAsync();
        await Expect(annasInbox.Message("[erased]")).ToBeVisibleAsync();
        await Expect(annasInbox.Message("Is the cake ready?")).ToHaveCountAsync(0);
        await Expect(annasInbox.Row(conversationId)).ToContainTextAsync("Erased contact");
        await Expect(annasInbox.Row(conversationId)).Not.ToContainTextAsync("cake");
    });
}
