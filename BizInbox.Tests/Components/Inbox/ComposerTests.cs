using BizInbox.Web.Identity;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Web.Features.Inbox;
using Bunit;

namespace BizInbox.Tests.Components.Inbox;

public sealed class ComposerTests : ComposerTest
{
    [Fact]
    public async Task Send_TakesTheTextFromTheBrowsersBox_StoresTheReply_AndRemovesOnlyWhatWasSent()
    {
        var owner = await SignInAsync();
        var (conversationId, question) = await CustomerWritesAsync("Clara Kundin", "Ist mein Kuchen fertig?");
        BoxHolds("Ja, Ihr Kuchen ist fertig 🎂");
        var composer = RenderComposer(conversationId, question);

        Button(composer, "Send").Click();

        await composer.WaitForAssertionAsync(async () =>
            (await MessagesAsync(conversationId, MessageKind.Outgoing)).Single().Text.ShouldBe("Ja, Ihr Kuchen ist fertig 🎂"));
        composer.WaitForAssertion(() =>
            JSInterop.VerifyInvoke("bizInbox.composer.consume").Arguments[1].ShouldBe("Ja, Ihr Kuchen ist fertig 🎂"));
        (await DraftAsync(owner.Id, conversationId)).ShouldBeNull();
    }

    [Fact]
    public async Task TheReplyBox_NeverGetsItsValueFromTheServer()
    {
        // A value written by a render would overwrite what the agent typed in the meantime on a slow link.
        await SignInAsync();
        var (conversationId, question) = await CustomerWritesAsync("Clara Kundin", "Hallo");
        var composer = RenderComposer(conversationId, question);

        composer.Find("textarea").Input("Hallo");

        composer.Find("textarea").HasAttribute("value").ShouldBeFalse();
        composer.Find("textarea").TextContent.ShouldBeEmpty();
    }

    [Fact]
    public async Task PrivateNote_IsStoredAsANote_AndTheButtonSaysSo()
    {
        await SignInAsync();
        var (conversationId, question) = await CustomerWritesAsync("Clara Kundin", "Hallo");
        BoxHolds("Kundin hat schon zweimal gefragt");
        var composer = RenderComposer(conversationId, question);

        composer.FindAll("[role=radio]").First(b => b.TextContent.Contains("Private note")).Click();
        composer.Find(".bi-composer").ClassList.ShouldContain("bi-composer--note");
        JSInterop.VerifyInvoke("bizInbox.composer.mode").Arguments[1].ShouldBe(true);
        Button(composer, "Add note").Click();

        await composer.WaitForAssertionAsync(async () =>
            (await MessagesAsync(conversationId, MessageKind.Note)).Single().Text.ShouldBe("Kundin hat schon zweimal gefragt"));
        (await MessagesAsync(conversationId, MessageKind.Outgoing)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Mention_InsertsTheTeammateAtTheCaret_InTheBrowser()
    {
        var owner = await SignInAsync();
        await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Agent");
        var (conversationId, question) = await CustomerWritesAsync("Clara Kundin", "Hallo");
        var providers = RenderProviders();
        var composer = RenderComposer(conversationId, question);

        composer.FindAll("[role=radio]").First(b => b.TextContent.Contains("Private note")).Click();
        // No button inside another interactive element (axe: nested-interactive).
        composer.FindAll(".bi-mention-picker [role=button] button, .bi-mention-picker button [role=button]").ShouldBeEmpty();
        composer.Find(".bi-mention-picker button").Click();
        providers.WaitForElements(".mud-menu-item").First(i => i.TextContent.Contains("Ben Agent")).Click();

        composer.WaitForAssertion(() => JSInterop.VerifyInvoke("bizInbox.composer.insert").Arguments[1].ShouldBe("@Ben Agent "));
    }

    [Fact]
    public async Task NearTheLimit_TheCounterShows_AndATooLongReplyIsRefusedWithTheDomainsMessage_KeepingTheText()
    {
        await SignInAsync();
        var (conversationId, question) = await CustomerWritesAsync("Clara Kundin", "Hallo");
        var (snackbars, _) = RenderOverlays();
        var composer = RenderComposer(conversationId, question);

        composer.Find("textarea").Input(new string('x', 3700));
        composer.FindAll(".bi-counter").ShouldBeEmpty();
        composer.Find("textarea").Input(new string('x', 4097));
        composer.Find(".bi-counter--over").TextContent.ShouldBe("4097 / 4096");

        BoxHolds(new string('x', 4097));
        Button(composer, "Send").Click();

        snackbars.WaitForAssertion(() => snackbars.Markup.ShouldContain("A message may have at most 4,096 characters."));
        (await MessagesAsync(conversationId, MessageKind.Outgoing)).ShouldBeEmpty();
        JSInterop.Invocations.Select(i => i.Identifier).ShouldNotContain("bizInbox.composer.consume");
    }

    [Fact]
    public async Task ATeammatesReplyMeanwhile_AsksFirst_ReviewKeepsTheText_SendAnywaySends()
    {
        var owner = await SignInAsync();
        var ben = await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Agent");
        var (conversationId, question) = await CustomerWritesAsync("Dora Doppelt", "Ist mein Paket schon los?");
        await Get<ConversationService>().ReplyAsync(As(ben), conversationId, "Ja, heute verschickt.", "ben-1", question, sendAnyway: false);
        var (_, providers) = RenderOverlays();
        BoxHolds("Ich schaue nach.");
        var composer = RenderComposer(conversationId, question);

        Button(composer, "Send").Click();
        providers.WaitForAssertion(() => providers.Markup.ShouldContain("Ben Agent replied at"));
        providers.FindAll("button").First(b => b.TextContent.Trim() == "Review first").Click();

        composer.WaitForAssertion(() => providers.Markup.ShouldNotContain("Ben Agent replied at"));
        (await MessagesAsync(conversationId, MessageKind.Outgoing)).Select(m => m.Text).ShouldBe(["Ja, heute verschickt."]);
        JSInterop.Invocations.Select(i => i.Identifier).ShouldNotContain("bizInbox.composer.consume");

        await Get<ConversationService>().ReplyAsync(As(ben), conversationId, "Noch etwas.", "ben-2", question, sendAnyway: true);
        Button(composer, "Send").Click();
        providers.WaitForAssertion(() => providers.Markup.ShouldContain("Ben Agent replied at"));
        providers.FindAll("button").First(b => b.TextContent.Trim() == "Send anyway").Click();

        await composer.WaitForAssertionAsync(async () =>
            (await MessagesAsync(conversationId, MessageKind.Outgoing)).Select(m => m.Text).ShouldBe(["Ja, heute verschickt.", "Noch etwas.", "Ich schaue nach."]));
    }

    [Fact]
    public async Task OpeningAConversation_OffersTheServersDraft_AndShowsTheModeTheBrowserChose()
    {
        var owner = await SignInAsync();
        var (conversationId, question) = await CustomerWritesAsync("Clara Kundin", "Hallo");
        await Get<DraftService>().SaveAsync(User, conversationId, "Angefangene Notiz", DraftMode.Note);
        JSInterop.Setup<Composer.ShownDraft?>("bizInbox.composer.open", _ => true).SetResult(new Composer.ShownDraft("Angefangene Notiz", true));

        var composer = RenderComposer(conversationId, question);

        composer.WaitForAssertion(() => Button(composer, "Add note").ShouldNotBeNull());
        var open = JSInterop.VerifyInvoke("bizInbox.composer.open");
        open.Arguments[1].ShouldBe(conversationId);
        open.Arguments[2].ShouldBe(new Composer.ShownDraft("Angefangene Notiz", true));
        JSInterop.VerifyInvoke("bizInbox.composer.attach").Arguments[2].ShouldBe(owner.Id);
    }

    [Fact]
    public async Task TheBrowsersDebouncedSave_KeepsTheDraftOnTheServer_AndBlankTextDiscardsIt()
    {
        var owner = await SignInAsync();
        var (conversationId, question) = await CustomerWritesAsync("Clara Kundin", "Hallo");
        var composer = RenderComposer(conversationId, question);

        await composer.InvokeAsync(() => composer.Instance.SaveDraft(conversationId, "Liebe Clara, ", note: false));
        var draft = (await DraftAsync(owner.Id, conversationId)).ShouldNotBeNull();
        (draft.Text, draft.Mode).ShouldBe(("Liebe Clara, ", DraftMode.Reply));

        await composer.InvokeAsync(() => composer.Instance.SaveDraft(conversationId, "  ", note: false));
        (await DraftAsync(owner.Id, conversationId)).ShouldBeNull();
    }

    [Fact]
    public async Task SwitchingConversations_OffersTheNextConversationsDraft()
    {
        await SignInAsync();
        var (first, firstQuestion) = await CustomerWritesAsync("Anna Kundin", "Erste Frage");
        var (second, secondQuestion) = await CustomerWritesAsync("Bert Kunde", "Zweite Frage");
        await Get<DraftService>().SaveAsync(User, second, "Lieber Bert", DraftMode.Reply);
        var composer = RenderComposer(first, firstQuestion);

        composer.Render(p => p.Add(c => c.ConversationId, second).Add(c => c.LastMessageId, secondQuestion));

        composer.WaitForAssertion(() => JSInterop.Invocations.Where(i => i.Identifier == "bizInbox.composer.open")
            .Select(i => (long)i.Arguments[1]!).ShouldBe([first, second]));
        JSInterop.Invocations.Last(i => i.Identifier == "bizInbox.composer.open").Arguments[2].ShouldBe(new Composer.ShownDraft("Lieber Bert", false));
    }
}
