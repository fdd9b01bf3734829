using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.CannedReplies;
using BizInbox.Web.Features.Inbox;
using Bunit;
using BizInbox.Web.Channels.WhatsApp;
using Microsoft.EntityFrameworkCore;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Components.Inbox;

public sealed class CannedReplyPickerTests : ComposerTest
{
    private async Task<(IRenderedComponent<Composer> Composer, CannedReplyPicker Picker)> ComposerWithRepliesAsync(
        Func<long, ConversationHeader>? header = null, params (string Shortcut, string Text, string[] Buttons)[] replies)
    {
        await SignInAsync();
        foreach (var (shortcut, text, buttons) in replies)
        {
            await Get<CannedReplyService>().CreateAsync(User, new CannedReplyInput(shortcut, text, buttons, Shared: true));
        }

        var (conversationId, question) = await CustomerWritesAsync("Dr. Clara Kundin", "Hallo");
        var shown = header?.Invoke(conversationId) ?? await Get<ThreadQueries>().HeaderAsync(conversationId);
        var composer = RenderComposer(conversationId, question, shown);
        return (composer, composer.FindComponent<CannedReplyPicker>().Instance);
    }

    private static List<string> Options(IRenderedComponent<Composer> composer) =>
        composer.FindAll("[role=listbox] [role=option] code").Select(c => c.TextContent.Trim()).ToList();

    private string Inserted() => (string)JSInterop.VerifyInvoke("bizInbox.cannedPicker.replace").Arguments[1]!;

    [Fact]
    public async Task TheBox_IsHandedToThePicker_WhenTheComposerAttaches()
    {
        var (composer, _) = await ComposerWithRepliesAsync();

        composer.WaitForAssertion(() => JSInterop.VerifyInvoke("bizInbox.cannedPicker.attach"));
    }

    [Fact]
    public async Task Search_ListsShortcutMatchesFirst_ThenTextMatches_AndNothingCloses()
    {
        var (composer, picker) = await ComposerWithRepliesAsync(null,
            ("zeiten", "Wir haben ab 9 Uhr offen.", []), ("offen", "Ja.", []), ("danke", "Danke!", []));

        (await picker.Search("off")).ShouldBe(2);

        composer.WaitForAssertion(() => Options(composer).ShouldBe(["/offen", "/zeiten"]));
        composer.Find("[role=option][aria-selected=true] code").TextContent.ShouldBe("/offen");

        (await picker.Search(null)).ShouldBe(0);
        composer.WaitForAssertion(() => composer.FindAll("[role=listbox]").ShouldBeEmpty());
    }

    [Fact]
    public async Task Choose_InsertsTheFilledText_InTheBrowser_AndClosesThePicker()
    {
        var (composer, picker) = await ComposerWithRepliesAsync(null,
            ("hallo", "Hallo {{ contact.first_name }}, hier ist {{agent.name}} von {{business.name}}.", []));
        await picker.Search("");

        await picker.Choose();

        composer.WaitForAssertion(() => Inserted().ShouldBe("Hallo Clara, hier ist Olga Owner von Bäckerei Olga."));
        composer.FindAll("[role=listbox]").ShouldBeEmpty();
        composer.Find("textarea").HasAttribute("value").ShouldBeFalse();
    }

    [Fact]
    public async Task MovingDown_ChoosesTheNextReply_AndWrapsAround()
    {
        var (composer, picker) = await ComposerWithRepliesAsync(null, ("a1", "Eins", []), ("a2", "Zwei", []));
        await picker.Search("a");

        (await picker.Move(1)).ShouldBe(1);
        composer.WaitForAssertion(() => composer.Find("[role=option][aria-selected=true] code").TextContent.ShouldBe("/a2"));
        composer.Find("[role=option][aria-selected=true]").Id.ShouldBe("bi-canned-option-1");
        (await picker.Move(1)).ShouldBe(0);
        (await picker.Move(-1)).ShouldBe(1);
        await picker.Choose();

        composer.WaitForAssertion(() => Inserted().ShouldBe("Zwei"));
    }

    [Fact]
    public async Task UnfilledVariables_StayInTheText_AndAreFlagged()
    {
        var overlays = RenderOverlays();
        var (composer, picker) = await ComposerWithRepliesAsync(null, ("order", "Ihre Bestellung {{order.id}} ist da.", []));
        await picker.Search("order");

        await picker.Choose();

        composer.WaitForAssertion(() => Inserted().ShouldBe("Ihre Bestellung {{order.id}} ist da."));
        overlays.Snackbars.WaitForAssertion(() => overlays.Snackbars.Markup.ShouldContain("Fill in by hand: {{order.id}}"));
    }

    [Fact]
    public async Task OnWhatsApp_AReplyWithButtons_TurnsTheComposerToButtons()
    {
        var (composer, picker) = await ComposerWithRepliesAsync(id => WhatsAppHeader(id, Now.AddMinutes(-30)),
            ("termin", "Passt Ihnen morgen?", ["Ja", "Nein"]));
        await picker.Search("termin");

        await picker.Choose();

        composer.WaitForAssertion(() => composer.Find("[data-role=buttons-editor]").ShouldNotBeNull());
        composer.FindAll("[data-role=buttons-editor] input").Select(i => i.GetAttribute("value")).ShouldBe(["Ja", "Nein"]);
    }

    private static readonly byte[] Pdf = [.. "%PDF-1.4\n"u8, .. new byte[55]];

    private async Task ReplyWithAFileAsync()
    {
        var replies = Get<CannedReplyService>();
        var file = await replies.UploadAsync(User, new MemoryStream(Pdf), "preise.pdf", "application/pdf");
        await replies.CreateAsync(User, new CannedReplyInput("preise", "Hallo {{contact.first_name}}, unsere Preise.", [], Shared: true, file.Id));
    }

    [Fact]
    public async Task OnWhatsApp_AReplyWithAFile_PutsACopyOnTheDraft_AsItsAttachmentChip_WhichCanBeRemoved()
    {
        var overlays = RenderOverlays();
        await SignInAsync();
        await ReplyWithAFileAsync();
        var inboxId = await Get<WhatsAppConnections>().ConnectAsync(User, "WhatsApp",
            new WhatsAppSettingsInput("106540352242922", "102290129340398", "+49 40 1234567", "access-token", "app-secret", "verify-token", null, null));
        const string customer = "4917612345678";
        await Get<WhatsAppIngest>().IngestAsync(inboxId, Parse(Inbound(customer, "Jonas Jansen", Text("wamid.IN-1", customer, "Preise?", Now))));
        Message question;
        await using (var db = Database.CreateDbContext())
        {
            question = await db.Messages.AsNoTracking().SingleAsync(m => m.ExternalId == "wamid.IN-1");
        }

        // The composer reads the window on the component's clock, not the database's: open it on that time, as the tests above do.
        var header = await Get<ThreadQueries>().HeaderAsync(question.ConversationId) with { LastCustomerMessageAt = Now.AddMinutes(-30) };
        var composer = RenderComposer(question.ConversationId, question.Id, header);
        var picker = composer.FindComponent<CannedReplyPicker>().Instance;
        await picker.Search("preise");
        composer.WaitForAssertion(() => composer.Find("[role=option] [data-role=canned-file]").TextContent.ShouldContain("preise.pdf"));

        await picker.Choose();

        composer.WaitForAssertion(() => composer.Find("[data-role=attachment]").TextContent.ShouldContain("preise.pdf"));
        overlays.Snackbars.FindAll(".mud-snackbar").ShouldBeEmpty();
        Inserted().ShouldBe("Hallo Jonas, unsere Preise.");
        composer.Find("[data-kind=attachment]").GetAttribute("aria-checked").ShouldBe("true");
        await using (var db = Database.CreateDbContext())
        {
            (await db.MediaFiles.AsNoTracking().SingleAsync(f => f.ConversationId == question.ConversationId)).FileName.ShouldBe("preise.pdf");
        }

        composer.Find("[data-role=attachment] .mud-chip-close-button").Click();
        composer.FindAll("[data-role=attachment]").ShouldBeEmpty();
    }

    [Fact]
    public async Task OnTheWebChat_AReplyWithAFile_PutsACopyOnTheDraft_WhichGoesOutWithTheText()
    {
        var overlays = RenderOverlays();
        var (composer, picker) = await ComposerWithRepliesAsync();
        await ReplyWithAFileAsync();
        await picker.Search("preise");

        await picker.Choose();

        composer.WaitForAssertion(() => composer.Find("[data-role=attachment]").TextContent.ShouldContain("preise.pdf"));
        Inserted().ShouldBe("Hallo Clara, unsere Preise.");
        overlays.Snackbars.FindAll(".mud-snackbar").ShouldBeEmpty();
        var conversationId = composer.Instance.ConversationId;
        BoxHolds("Hallo Clara, unsere Preise.");
        Button(composer, "Send").Click();

        await composer.WaitForAssertionAsync(async () =>
        {
            var sent = (await MessagesAsync(conversationId, MessageKind.Outgoing)).ShouldHaveSingleItem();
            (sent.ContentType, sent.Text).ShouldBe((MessageContentType.Document, "Hallo Clara, unsere Preise."));
            sent.MediaFileId.ShouldNotBeNull();
        });
        composer.WaitForAssertion(() => composer.FindAll("[data-role=attachment]").ShouldBeEmpty());
    }

    [Fact]
    public async Task InAPrivateNote_AReplyWithAFile_InsertsOnlyItsText_AndSaysSo()
    {
        var overlays = RenderOverlays();
        var (composer, picker) = await ComposerWithRepliesAsync();
        await ReplyWithAFileAsync();
        Button(composer, "Private note").Click();
        await picker.Search("preise");

        await picker.Choose();

        composer.WaitForAssertion(() => Inserted().ShouldBe("Hallo Clara, unsere Preise."));
        overlays.Snackbars.WaitForAssertion(() => overlays.Snackbars.Markup.ShouldContain(
            "Only the text was inserted: preise.pdf goes only with a reply (on WhatsApp, within the 24-hour window)."));
        composer.FindAll("[data-role=attachment]").ShouldBeEmpty();
    }
}
