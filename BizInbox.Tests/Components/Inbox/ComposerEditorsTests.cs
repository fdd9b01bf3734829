using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Channels.WhatsApp.Composer;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Templates;
using Bunit;

namespace BizInbox.Tests.Components.Inbox;

public sealed class ComposerEditorsTests : ComposerTest
{
    private static readonly TemplateOption OrderReady = new(7, "order_ready", "de", TemplateCategory.Utility, "Abholung", "Hallo {{1}}, Ihr Rad ist abholbereit.", "Fahrradladen Nord", ["1"]);

    [Fact]
    public void ButtonsEditor_CountsEachTitle_AndMarksOneOverWhatsAppsLimit()
    {
        var draft = new WhatsAppDraft();
        var editor = Render<ButtonsEditor>(p => p.Add(e => e.Draft, draft));

        editor.Find("input").Input("Heute nach Feierabend");

        editor.WaitForAssertion(() => editor.Find("[data-role=buttons-editor] .bi-counter--over").TextContent.ShouldBe("21 / 20"));
        editor.Find(".bi-counter--over").GetAttribute("title").ShouldBe("1 characters too many");
        draft.Buttons.ShouldBe(["Heute nach Feierabend"]);
    }

    [Fact]
    public void EditorField_KeepsWhatWasTypedExactly_ThroughTheParentsNextRender_AndCountsItTrimmed()
    {
        // The field passes on what the browser sent, untouched: a value changed here (trimmed, say) would come back
        // with the parent's render and overwrite the box while the agent is still typing in it.
        var draft = new WhatsAppDraft();
        var editor = Render<ButtonsEditor>(p => p.Add(e => e.Draft, draft));

        editor.Find("input[aria-label='Button 1']").Input(" Ja, gern ");
        editor.Render();

        editor.Find("input[aria-label='Button 1']").GetAttribute("value").ShouldBe(" Ja, gern ");
        draft.Buttons.ShouldBe([" Ja, gern "]);
        editor.Find(".bi-counter").TextContent.ShouldBe("8 / 20");
    }

    [Fact]
    public void ButtonsEditor_AddsUpToThreeButtons_AndRemovesOne()
    {
        var draft = new WhatsAppDraft();
        var editor = Render<ButtonsEditor>(p => p.Add(e => e.Draft, draft));
        var add = () => editor.FindAll("button").First(b => b.TextContent.Contains("Add a button"));

        add().Click();
        add().Click();

        draft.Buttons.Count.ShouldBe(Interactive.MaxButtons);
        editor.FindAll("button").Where(b => b.TextContent.Contains("Add a button")).ShouldBeEmpty();
        editor.Find("button[aria-label='Remove button 2']").Click();
        draft.Buttons.Count.ShouldBe(2);
    }

    [Fact]
    public void ListEditor_CountsTheOpeningButtonAndEachRow_AgainstTheirLimits()
    {
        var draft = new WhatsAppDraft();
        var editor = Render<ListEditor>(p => p.Add(e => e.Draft, draft));

        editor.Find("input[aria-label='Text of the button that opens the list']").Input("Alle Termine anzeigen");
        editor.Find("input[aria-label='Row 1 title']").Input("Samstagvormittag ab 9 Uhr");

        editor.WaitForAssertion(() => editor.FindAll(".bi-counter--over").Select(c => c.TextContent).ShouldBe(["21 / 20", "25 / 24"]));
        editor.FindAll("button").First(b => b.TextContent.Contains("Add a row")).Click();
        draft.Rows.Count.ShouldBe(2);
        editor.Find("input[aria-label='Row 2 title']").ShouldNotBeNull();
    }

    [Fact]
    public void TemplateEditor_FillsTheParameters_AndPreviewsWhatTheCustomerReads()
    {
        var draft = new WhatsAppDraft();
        draft.Pick(OrderReady);
        var editor = Render<TemplateEditor>(p => p.Add(e => e.Draft, draft).Add(e => e.Templates, [OrderReady]));

        editor.Find("input[aria-label='Parameter 1']").Input("Jonas");

        editor.WaitForAssertion(() => editor.Find("[data-role=template-preview]").TextContent.ShouldContain("Hallo Jonas, Ihr Rad ist abholbereit."));
        editor.Find("[data-role=template-preview]").TextContent.ShouldContain("Fahrradladen Nord");
        (draft.For(ReplyKind.Template, "") as TemplateDraft).ShouldNotBeNull().Parameters.ShouldBe(["Jonas"]);
    }

    [Fact]
    public void TemplateEditor_WithoutApprovedTemplates_PointsToTheTemplatesPage()
    {
        var editor = Render<TemplateEditor>(p => p.Add(e => e.Draft, new WhatsAppDraft()));

        editor.Find("a[href='settings/templates']").TextContent.ShouldBe("Templates");
        editor.FindAll(".bi-template-picker").ShouldBeEmpty();
    }

    [Fact]
    public async Task WhatsApp_InsideThe24HourWindow_OffersEveryKind_AndFreeText()
    {
        await SignInAsync();
        var (conversationId, question) = await CustomerWritesAsync("Jonas Jansen", "Ist mein Rad fertig?");
        var composer = RenderComposer(conversationId, question, WhatsAppHeader(conversationId, Now.AddMinutes(-30)));

        composer.WaitForAssertion(() => composer.Find("[data-role=window]").TextContent.ShouldContain("Customer service window: 23 h"));
        composer.FindAll("[role=radiogroup] [data-kind]").Select(k => k.GetAttribute("data-kind")).ShouldBe(["text", "buttons", "list", "attachment", "template"]);
        composer.Find("textarea").HasAttribute("hidden").ShouldBeFalse();

        composer.Find("[data-kind=buttons]").Click();
        composer.Find("[data-role=buttons-editor]").ShouldNotBeNull();
        composer.Find("textarea").GetAttribute("aria-label").ShouldBe("Message text");
    }

    [Fact]
    public async Task WebChat_OffersAFile_WhichGoesOutWithTheTextAsItsMessage_ButNotInANote()
    {
        await SignInAsync();
        var (conversationId, question) = await CustomerWritesAsync("Clara Kundin", "Haben Sie ein Foto vom Rad?");
        var composer = RenderComposer(conversationId, question, await Get<ThreadQueries>().HeaderAsync(conversationId));
        composer.FindAll("[role=radiogroup] [data-kind]").ShouldBeEmpty("buttons, lists and templates are WhatsApp's");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[56]];

        composer.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(png, "fahrrad.png", contentType: "image/png"));

        composer.WaitForAssertion(() => composer.Find("[data-role=attachment]").TextContent.ShouldContain("fahrrad.png"));
        composer.Find("textarea").GetAttribute("aria-label").ShouldBe("Reply");
        BoxHolds("Hier ist Ihr Rad.");
        Button(composer, "Send").Click();
        await composer.WaitForAssertionAsync(async () =>
        {
            var sent = (await MessagesAsync(conversationId, MessageKind.Outgoing)).ShouldHaveSingleItem();
            (sent.ContentType, sent.Text, sent.Delivery).ShouldBe((MessageContentType.Image, "Hier ist Ihr Rad.", DeliveryStatus.Sent));
            sent.MediaFileId.ShouldNotBeNull();
        });
        composer.WaitForAssertion(() => composer.FindAll("[data-role=attachment]").ShouldBeEmpty());
        Button(composer, "Attach a file").ShouldNotBeNull();

        Button(composer, "Private note").Click();
        composer.WaitForAssertion(() => composer.FindAll("[data-role=attachment-editor]").ShouldBeEmpty());
    }

    [Fact]
    public async Task WhatsApp_Disconnected_SaysRepliesCannotBeSent_AndOnlyANoteCanGo()
    {
        await SignInAsync();
        var (conversationId, question) = await CustomerWritesAsync("Jonas Jansen", "Ist mein Rad fertig?");
        var header = WhatsAppHeader(conversationId, Now.AddMinutes(-30)) with { ChannelDisconnected = true };

        var composer = RenderComposer(conversationId, question, header);

        composer.WaitForAssertion(() => composer.Find("[data-testid=composer-disconnected]").TextContent.ShouldContain("no reply can be sent"));
        composer.FindAll("[role=radiogroup] [data-kind]").ShouldBeEmpty();
        composer.FindAll("button").Single(b => b.TextContent.Trim() == "Send").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public async Task ButtonsChosenWhileTheDraftIsStillOpening_SurviveARerender()
    {
        await SignInAsync();
        var (conversationId, question) = await CustomerWritesAsync("Jonas Jansen", "Ist mein Rad fertig?");
        // Over a slow link the browser has not answered yet: the composer is attached but its draft is not open.
        JSInterop.SetupVoid("bizInbox.cannedPicker.attach", _ => true);
        var header = WhatsAppHeader(conversationId, Now.AddMinutes(-30));
        var composer = RenderComposer(conversationId, question, header);
        composer.WaitForAssertion(() => composer.Find("[data-kind=buttons]"));

        composer.Find("[data-kind=buttons]").Click();
        composer.Find("[data-role=buttons-editor] input").Input("Gegen Mittag");
        // Anything that re-renders the conversation (a teammate's presence, a new message) passes the parameters again.
        composer.Render(p => p.Add(c => c.LastMessageId, question + 1).Add(c => c.Header, header));

        composer.FindAll("[data-role=buttons-editor]").ShouldHaveSingleItem();
        composer.Find("[data-role=buttons-editor] input").GetAttribute("value").ShouldBe("Gegen Mittag");
    }

    [Theory]
    [InlineData(90.5, "Customer service window: 1 h 30 min left", "bi-window--open")]
    [InlineData(59, "Customer service window: 59 min left", "bi-window--soon")]
    [InlineData(0.25, "Customer service window: 1 min left", "bi-window--soon")]
    public async Task WhatsAppPanel_CountsDownTheWindow_AndWarnsInItsLastHour(double minutesLeft, string text, string state)
    {
        await SignInAsync();

        var panel = Render<WhatsAppComposerPanel>(p => p
            .Add(c => c.Draft, new WhatsAppDraft())
            .Add(c => c.WindowOpen, true)
            .Add(c => c.ClosesAt, Now.AddMinutes(minutesLeft)));

        var window = panel.Find("[data-role=window]");
        window.TextContent.Trim().ShouldBe(text);
        window.ClassList.ShouldContain(state);
    }

    [Fact]
    public async Task WhatsApp_AfterTheWindowClosed_OffersOnlyTemplates()
    {
        await SignInAsync();
        var (conversationId, question) = await CustomerWritesAsync("Jonas Jansen", "Ist mein Rad fertig?");
        var composer = RenderComposer(conversationId, question, WhatsAppHeader(conversationId, Now.AddHours(-25)));

        composer.WaitForAssertion(() => composer.Find("[data-role=window]").TextContent.ShouldContain("The 24-hour window has closed"));
        composer.FindAll("[data-kind]").ShouldBeEmpty();
        composer.Find("[data-role=template-editor]").ShouldNotBeNull();
        composer.Find("textarea").HasAttribute("hidden").ShouldBeTrue();

        // A private note is never bound by WhatsApp's window.
        composer.FindAll("[role=radio]").First(b => b.TextContent.Contains("Private note")).Click();
        composer.FindAll("[data-role=whatsapp-composer]").ShouldBeEmpty();
        composer.Find("textarea").HasAttribute("hidden").ShouldBeFalse();
    }

    [Fact]
    public async Task WhatsApp_SendingATemplateBeforeChoosingOne_SaysSo()
    {
        await SignInAsync();
        var (conversationId, question) = await CustomerWritesAsync("Jonas Jansen", "Ist mein Rad fertig?");
        var (providers, _) = RenderOverlays();
        BoxHolds(string.Empty);
        var composer = RenderComposer(conversationId, question, WhatsAppHeader(conversationId, null));

        composer.WaitForAssertion(() => composer.Find("[data-role=window]").TextContent.ShouldContain("The customer has not written yet"));
        Button(composer, "Send").Click();

        providers.WaitForAssertion(() => providers.Markup.ShouldContain("Choose a template first."));
        (await MessagesAsync(conversationId, MessageKind.Outgoing)).ShouldBeEmpty();
    }
}
