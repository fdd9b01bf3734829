using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.CannedReplies;
using BizInbox.Web.Features.Inbox;
using Bunit;

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
}
