using System.Text.RegularExpressions;
using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Features.CannedReplies;
using BizInbox.Tests.Support;
using BizInbox.Web.Features.WebChat;
using BizInbox.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>An agent answers with a canned reply using only the keyboard, in the real browser's reply box.</summary>
[Collection(BrowserGroup.Name)]
public sealed class CannedReplyTests(BrowserFixture browser, CannedReplyTests.SeededApp seeded) : BrowserTest(browser), IClassFixture<CannedReplyTests.SeededApp>
{
    public sealed class SeededApp : IAsyncLifetime
    {
        public AppServer App { get; } = new();

        public AppUser Owner { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            var owner = Owner = await App.CompleteSetupAsync("olga@example.com");
            await App.AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
            var asOwner = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, owner.Id)], "seed"));
            var replies = App.Services.GetRequiredService<CannedReplyService>();
            await replies.CreateAsync(asOwner, new CannedReplyInput("danke", "Danke, {{contact.first_name}}!", [], Shared: true));
            await replies.CreateAsync(asOwner, new CannedReplyInput("hallo", "Hallo {{contact.first_name}}, hier ist {{agent.name}}.", [], Shared: true));
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private AppServer App => seeded.App;

    [Fact]
    public Task Slash_OpensThePicker_AndTheKeyboardInsertsTheFilledReply_WhichIsSent() => ScenarioAsync(async () =>
    {
        var chat = App.Services.GetRequiredService<WebChatService>();
        var (_, visitor) = await chat.StartAsync(await App.WebChatKeyAsync(), "Clara Kundin", null, null);
        var (_, conversationId) = await chat.SendAsync(visitor, Guid.NewGuid().ToString("N"), "Hallo?");
        var page = await OpenAsync(App.BaseUrl, "anna");
        await new SignInPage(page).SignInAsync("anna@example.com", AppServer.Password);
        var inbox = new InboxPage(page);
        await inbox.GotoAsync(conversationId);
        await Expect(inbox.Composer).ToBeEditableAsync();
        var picker = page.GetByRole(AriaRole.Listbox, new() { Name = "Canned replies" });

        await inbox.Composer.PressSequentiallyAsync("Guten Tag! /");
        await Expect(picker.GetByRole(AriaRole.Option)).ToHaveCountAsync(2);
        await inbox.Composer.PressAsync("Escape");
        await Expect(picker).ToBeHiddenAsync();
        await Expect(inbox.Composer).ToBeFocusedAsync();

        await inbox.Composer.PressSequentiallyAsync("h");
        await Expect(picker.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await inbox.Composer.PressAsync("Backspace");
        await Expect(picker.GetByRole(AriaRole.Option)).ToHaveCountAsync(2);
        await inbox.Composer.PressAsync("ArrowDown");
        await Expect(picker.Locator("[aria-selected=true]")).ToContainTextAsync("/hallo");
        // A screen reader hears the highlighted reply while focus stays in the box.
        await Expect(inbox.Composer).ToHaveAttributeAsync("aria-activedescendant", "bi-canned-option-1");
        await inbox.Composer.PressAsync("Enter");

        await Expect(inbox.Composer).ToHaveValueAsync("Guten Tag! Hallo Clara, hier ist Anna Agent.");
        await Expect(picker).ToBeHiddenAsync();
        await Expect(inbox.Composer).Not.ToHaveAttributeAsync("aria-activedescendant", new Regex("."));
        await inbox.Composer.PressAsync("Enter");
        await Expect(inbox.Message("Guten Tag! Hallo Clara, hier ist Anna Agent.")).ToBeVisibleAsync();

        // Enter right after the shortcut, before the matches have come back: the reply is inserted, "/hallo" is never sent.
        await inbox.Composer.PressSequentiallyAsync("/hallo");
        await inbox.Composer.PressAsync("Enter");
        await Expect(inbox.Composer).ToHaveValueAsync("Hallo Clara, hier ist Anna Agent.");
        await Expect(inbox.Message("/hallo")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task AReplyWithAFile_PickedByKeyboard_ReachesWhatsAppOnce_WithItsTextAsCaption() => ScenarioAsync(async () =>
    {
        byte[] pdf = [.. "%PDF-1.4\n"u8, .. Enumerable.Range(0, 2000).Select(i => (byte)(i % 251))];
        await using var graph = await FakeGraphApi.StartAsync();
        await WhatsAppSetup.ConnectAsync(App, seeded.Owner, graph);
        var asOwner = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, seeded.Owner.Id)], "seed"));
        var replies = App.Services.GetRequiredService<CannedReplyService>();
        var file = await replies.UploadAsync(asOwner, new MemoryStream(pdf), "preisliste.pdf", "application/pdf");
        await replies.CreateAsync(asOwner, new CannedReplyInput("preise", "Hier unsere Preise, {{contact.first_name}}.", [], Shared: true, file.Id));
        var page = await OpenAsync(App.BaseUrl, "olga");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        var inbox = new InboxPage(page);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        await WhatsAppSetup.PostWebhookAsync(App, WhatsAppSetup.CustomerText("wamid.P1", "4917612345678", "Jonas Jansen", "Was kostet das?"));
        await inbox.Rows.Filter(new() { HasText = "Jonas Jansen" }).ClickAsync();
        await Expect(inbox.Composer).ToBeEditableAsync();
        var picker = page.GetByRole(AriaRole.Listbox, new() { Name = "Canned replies" });

        await inbox.Composer.PressSequentiallyAsync("/preise");
        await Expect(picker.GetByRole(AriaRole.Option)).ToContainTextAsync("preisliste.pdf");
        await inbox.Composer.PressAsync("Enter");

        await Expect(inbox.Composer).ToHaveValueAsync("Hier unsere Preise, Jonas.");
        await Expect(page.Locator("[data-role=attachment]")).ToContainTextAsync("preisliste.pdf");
        await inbox.Composer.PressAsync("Enter");

        var sent = await graph.WaitForSendAsync(r => r.Json.GetProperty("type").GetString() == "document");
        sent.Json.GetProperty("document").GetProperty("caption").GetString().ShouldBe("Hier unsere Preise, Jonas.");
        graph.Uploads.Values.ShouldHaveSingleItem().Bytes.ShouldBe(pdf);
        await Expect(page.Locator("[data-role=attachment]")).ToHaveCountAsync(0);
        graph.Sends.Count(r => r.Json.GetProperty("type").GetString() == "document").ShouldBe(1);
    });
}
