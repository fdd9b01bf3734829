using System.Text.RegularExpressions;
using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Features.CannedReplies;
using BizInbox.Web.Features.WebChat;
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

        public async Task InitializeAsync()
        {
            var owner = await App.CompleteSetupAsync("olga@example.com");
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
}
