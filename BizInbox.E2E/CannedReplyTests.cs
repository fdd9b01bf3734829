using System.Text.RegularExpressions;
using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Features.CannedReplies;
using BizInbox.Tests.Support;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
using BizInbox.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>An agent answers with a canned reply using only the keyboard, in the real browser's reply box; on the web chat its file (and any file the agent attaches) reaches the customer's widget.</summary>
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
            var asOwner = App.MemberFor(owner.Id);
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
        var asOwner = App.MemberFor(seeded.Owner.Id);
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
        await Expect(picker.GetByRole(AriaRole.Option)).ToHaveCountAsync(1); // the filter has followed the typing
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

    [Fact]
    public Task OnTheWebChat_AnAgentsPictureAndACannedReplysFile_ReachTheCustomersWidget_AndDownload() => ScenarioAsync(async () =>
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        byte[] pdf = [.. "%PDF-1.4\n"u8, .. Enumerable.Range(0, 5000).Select(i => (byte)(i % 251))];
        var asOwner = App.MemberFor(seeded.Owner.Id);
        var replies = App.Services.GetRequiredService<CannedReplyService>();
        var file = await replies.UploadAsync(asOwner, new MemoryStream(pdf), "katalog.pdf", "application/pdf");
        await replies.CreateAsync(asOwner, new CannedReplyInput("katalog", "Unser Katalog, {{contact.first_name}}.", [], Shared: true, file.Id));
        var customerPage = await OpenAsync(App.BaseUrl, "customer");
        var customer = new CustomerChat(customerPage);
        await customer.GotoAsync(await App.WebChatKeyAsync());
        await customer.StartAsync("Frieda Fahrrad", "Haben Sie ein Foto und einen Katalog?");
        var page = await OpenAsync(App.BaseUrl, "anna");
        await new SignInPage(page).SignInAsync("anna@example.com", AppServer.Password);
        var inbox = new InboxPage(page);
        await inbox.GotoAsync(await App.ConversationOfContactAsync("Frieda Fahrrad"));
        await Expect(inbox.Composer).ToBeEditableAsync();

        // A picture from the agent's disk, with a text: the customer sees it in place, and its address gives its bytes.
        await page.GetByLabel("Attach a file").SetInputFilesAsync(new FilePayload { Name = "fahrrad.png", MimeType = "image/png", Buffer = png });
        await Expect(page.Locator("[data-role=attachment]")).ToContainTextAsync("fahrrad.png");
        await inbox.Composer.FillAsync("Hier ist Ihr Rad.");
        await inbox.Composer.PressAsync("Enter");
        var picture = customer.Thread.Locator("img.msg-image");
        await Expect(picture).ToBeVisibleAsync();
        (await picture.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(img.naturalWidth))")).ShouldBe(1);
        await Expect(customer.Thread).ToContainTextAsync("Hier ist Ihr Rad.");
        (await (await customerPage.APIRequest.GetAsync((await picture.GetAttributeAsync("src"))!)).BodyAsync()).ShouldBe(png);
        await Expect(inbox.Message("Hier ist Ihr Rad.").Locator("img.bi-media-image")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-role=attachment]")).ToHaveCountAsync(0);

        // A canned reply with a file, picked with "/": the customer gets a download link with the file's name and size.
        var picker = page.GetByRole(AriaRole.Listbox, new() { Name = "Canned replies" });
        await inbox.Composer.PressSequentiallyAsync("/katalog");
        await Expect(picker.GetByRole(AriaRole.Option)).ToHaveCountAsync(1); // the filter has followed the typing
        await Expect(picker.GetByRole(AriaRole.Option)).ToContainTextAsync("katalog.pdf");
        await inbox.Composer.PressAsync("Enter");
        await Expect(inbox.Composer).ToHaveValueAsync("Unser Katalog, Frieda.");
        await Expect(page.Locator("[data-role=attachment]")).ToContainTextAsync("katalog.pdf");
        await inbox.Composer.PressAsync("Enter");
        var link = customer.Thread.Locator("a.msg-file");
        await Expect(link).ToContainTextAsync("katalog.pdf");
        await Expect(link).ToContainTextAsync("4.9 KB");
        await Expect(customer.Thread).ToContainTextAsync("Unser Katalog, Frieda.");
        var download = await customerPage.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        download.SuggestedFilename.ShouldBe("katalog.pdf");
        (await File.ReadAllBytesAsync((await download.PathAsync())!)).ShouldBe(pdf);
        await Expect(inbox.Message("Unser Katalog, Frieda.").Locator("[data-role=download]")).ToContainTextAsync("katalog.pdf");

        // The customer comes back later: the history shows both files again.
        await customerPage.ReloadAsync();
        await Expect(customer.Thread.Locator("img.msg-image")).ToBeVisibleAsync();
        await Expect(customer.Thread.Locator("a.msg-file")).ToContainTextAsync("katalog.pdf");
    });
}
