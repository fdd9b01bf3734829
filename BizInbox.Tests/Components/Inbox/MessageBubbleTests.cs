using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels;
using BizInbox.Web.Features.Inbox;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>How each kind of message looks in the thread: who wrote it, its content, its delivery and what can be done about a failure.</summary>
public sealed class MessageBubbleTests : ComponentTest
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 30, 0, TimeSpan.Zero);
    private readonly List<long> _retried = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync();
    }

    private static ThreadMessage Message(
        MessageKind kind = MessageKind.Incoming, string text = "Hallo", MessageContentType type = MessageContentType.Text, object? content = null,
        DeliveryStatus delivery = DeliveryStatus.None, string? error = null, string? reaction = null, Guid? file = null,
        ActivityKind activity = ActivityKind.None, string? target = null) =>
        new(7, kind, text, kind == MessageKind.Incoming ? "Clara Kundin" : "Anna Agent", null, At, delivery, activity, target, type,
            content is null ? null : MessageContents.Write((dynamic)content), null, error, reaction, file);

    private IRenderedComponent<MessageBubble> RenderBubble(ThreadMessage message, bool canSendFreeForm = true) =>
        Render<MessageBubble>(p => p
            .Add(b => b.Message, message)
            .Add(b => b.CanSendFreeForm, canSendFreeForm)
            .Add(b => b.OnRetry, EventCallback.Factory.Create<long>(this, id => _retried.Add(id))));

    [Fact]
    public void CustomerText_IsShownAsText_WithoutDeliveryTicks()
    {
        var bubble = RenderBubble(Message(text: "<b>fett</b>"));

        var article = bubble.Find("article");
        article.GetAttribute("data-kind").ShouldBe("incoming");
        bubble.Find(".bi-msg-text").TextContent.ShouldBe("<b>fett</b>");
        bubble.FindAll("b").ShouldBeEmpty();
        bubble.FindAll(".bi-delivery").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(AutomaticMessageKind.Away, "en", "Automatic · Away message")]
    [InlineData(AutomaticMessageKind.Greeting, "en", "Automatic · Greeting message")]
    [InlineData(AutomaticMessageKind.Away, "de", "Automatisch · Abwesenheitsnachricht")]
    public void AutomaticMessage_IsMarkedAutomatic_NotAsAnAgentsReply(AutomaticMessageKind kind, string language, string label)
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);
        var message = Message(MessageKind.Outgoing, "Wir sind ab Montag 09:00 wieder da.", delivery: DeliveryStatus.Sent) with { SenderName = null, Automatic = kind };

        var bubble = RenderBubble(message);

        bubble.Find("[data-role=automatic]").TextContent.Trim().ShouldBe(label);
        bubble.Find("article").GetAttribute("data-kind").ShouldBe("outgoing");
    }

    [Fact]
    public void PrivateNote_IsLabelledAsSuch_WithItsAuthor()
    {
        var bubble = RenderBubble(Message(MessageKind.Note, "Kundin hat zweimal gefragt"));

        bubble.Find("article").GetAttribute("data-kind").ShouldBe("note");
        bubble.Find(".bi-msg-label").TextContent.ShouldContain("Private note · Anna Agent");
    }

    [Theory]
    [InlineData(ActivityKind.SelfAssigned, null, "Anna Agent self-assigned this conversation")]
    [InlineData(ActivityKind.Assigned, "Ben Agent", "Anna Agent assigned this to Ben Agent")]
    [InlineData(ActivityKind.PriorityChanged, "Urgent", "Anna Agent set the priority to Urgent")]
    [InlineData(ActivityKind.Snoozed, null, "Anna Agent snoozed this until the customer replies")]
    [InlineData(ActivityKind.ReopenedByCustomer, null, "Reopened by a new customer message")]
    [InlineData(ActivityKind.LabelAdded, "VIP", "Anna Agent added the label VIP")]
    public void Activity_IsOneSentence_InTheMiddle(ActivityKind kind, string? target, string text)
    {
        var bubble = RenderBubble(Message(MessageKind.Activity, "", activity: kind, target: target));

        bubble.FindAll("article").ShouldBeEmpty();
        bubble.Find(".bi-activity").TextContent.ShouldStartWith(text);
    }

    [Theory]
    [InlineData("en", "The customer changed their WhatsApp number from +49 176 00000001 to +49 176 00000002")]
    [InlineData("de", "Der Kunde hat seine WhatsApp-Nummer von +49 176 00000001 auf +49 176 00000002 geändert")]
    public void NumberChange_IsAnActivityInTheAgentsLanguage_WithReadableNumbers(string language, string text)
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);

        var bubble = RenderBubble(Message(MessageKind.Activity, "Sheena changed their phone number", activity: ActivityKind.CustomerNumberChanged,
            target: "+4917600000001 +4917600000002"));

        bubble.FindAll("article").ShouldBeEmpty();
        bubble.Find(".bi-activity").TextContent.ShouldStartWith(text);
    }

    [Theory]
    [InlineData(DeliveryStatus.Queued, "Queued")]
    [InlineData(DeliveryStatus.Sent, "Sent")]
    [InlineData(DeliveryStatus.Delivered, "Delivered")]
    [InlineData(DeliveryStatus.Read, "Read")]
    public void OutgoingMessage_ShowsItsDeliveryTick_NamedForScreenReaders(DeliveryStatus status, string name)
    {
        var bubble = RenderBubble(Message(MessageKind.Outgoing, delivery: status));

        var tick = bubble.Find($".bi-delivery--{status.ToString().ToLowerInvariant()}");
        tick.TextContent.ShouldContain(name);
        bubble.FindAll("[data-role=delivery-error]").ShouldBeEmpty();
    }

    [Fact]
    public void FailedReply_SaysWhy_AndSendAgainRetriesIt()
    {
        var bubble = RenderBubble(Message(MessageKind.Outgoing, delivery: DeliveryStatus.Failed, error: "131026 not a WhatsApp number"));

        bubble.Find("[data-role=delivery-error]").TextContent.ShouldContain("Not delivered: 131026 not a WhatsApp number");
        bubble.Find(".bi-delivery--failed").ShouldNotBeNull();
        bubble.Find("[data-role=retry]").Click();

        _retried.ShouldBe([7]);
    }

    // Errors are stored as Meta sent them ("code: title (details)"); the agent reads our words for codes we know.
    [Theory]
    [InlineData("en", "131047: Re-engagement message (Message failed to send because more than 24 hours have passed)",
        "Not delivered: More than 24 hours since the customer's last message: only a template can be sent (131047)")]
    [InlineData("de", "131047: Re-engagement message (Message failed to send because more than 24 hours have passed)",
        "Nicht zugestellt: Mehr als 24 Stunden seit der letzten Nachricht des Kunden: Nur eine Vorlage kann gesendet werden (131047)")]
    [InlineData("en", "130429: Rate limit hit", "Not delivered: WhatsApp's sending limit for this number was reached (130429)")]
    [InlineData("de", "132001: Template name does not exist in the translation (template name (order_ready) does not exist in de)",
        "Nicht zugestellt: Die Vorlage gibt es in dieser Sprache nicht oder sie ist nicht freigegeben (132001)")]
    [InlineData("de", "135000: Generic user error (Message failed to send because of an unknown error)",
        "Nicht zugestellt: 135000: Generic user error (Message failed to send because of an unknown error)")]
    public void FailedReply_ShowsMetasReason_InTheAgentsLanguage_WhereWeKnowTheCode(string language, string stored, string shown)
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);

        var bubble = RenderBubble(Message(MessageKind.Outgoing, delivery: DeliveryStatus.Failed, error: stored));

        bubble.Find("[data-role=delivery-error] span").TextContent.Trim().ShouldBe(shown);
    }

    [Fact]
    public void AProblemReportedAfterDelivery_IsShown_WithTheTickKept_AndNoResend()
    {
        var bubble = RenderBubble(Message(MessageKind.Outgoing, delivery: DeliveryStatus.Read, error: "(131000) Something went wrong"));

        bubble.Find("[data-role=delivery-error]").TextContent.ShouldContain("WhatsApp reported a problem after delivery: (131000) Something went wrong");
        bubble.Find(".bi-delivery--read").ShouldNotBeNull();
        bubble.FindAll("[data-role=retry]").ShouldBeEmpty();
    }

    [Fact]
    public void PlayedVoiceMessage_ShowsPlayed()
    {
        var bubble = RenderBubble(Message(MessageKind.Outgoing, delivery: DeliveryStatus.Played));

        bubble.Find(".bi-delivery--played").GetAttribute("title").ShouldBe("Played");
    }

    [Fact]
    public void UnconfirmedReply_SaysSo()
    {
        var bubble = RenderBubble(Message(MessageKind.Outgoing, delivery: DeliveryStatus.Unconfirmed, error: "timeout"));

        bubble.Find("[data-role=delivery-error]").TextContent.ShouldContain("No confirmation yet: timeout");
    }

    [Fact]
    public void FailedFreeFormReply_OutsideTheWindow_CannotBeSentAgain_ButATemplateCan()
    {
        var text = RenderBubble(Message(MessageKind.Outgoing, delivery: DeliveryStatus.Failed, error: "131047"), canSendFreeForm: false);
        var template = RenderBubble(Message(MessageKind.Outgoing, "Ihr Rad ist abholbereit.", MessageContentType.Template,
            new TemplateContent(1, "order_ready", "de", []), DeliveryStatus.Failed, "131047"), canSendFreeForm: false);

        text.Find("[data-role=delivery-error]").TextContent.ShouldContain("131047");
        text.FindAll("[data-role=retry]").ShouldBeEmpty();
        template.FindAll("[data-role=retry]").Count.ShouldBe(1);
    }

    [Fact]
    public void CustomersReaction_IsShownOnTheMessage()
    {
        var bubble = RenderBubble(Message(MessageKind.Outgoing, delivery: DeliveryStatus.Read, reaction: "👍"));

        var reaction = bubble.Find("[data-role=reaction]");
        reaction.TextContent.ShouldBe("👍");
        reaction.GetAttribute("title").ShouldBe("The customer reacted with 👍");
    }

    [Fact]
    public void Location_ShowsNameAddressAndAMapLink()
    {
        var bubble = RenderBubble(Message(text: "", type: MessageContentType.Location, content: new LocationContent(53.55, 9.99, "Laden", "Hafenstraße 1")));

        var place = bubble.Find(".bi-location");
        place.TextContent.ShouldContain("Laden");
        place.TextContent.ShouldContain("Hafenstraße 1");
        place.TextContent.ShouldContain("53.55, 9.99");
        bubble.Find(".bi-location a").GetAttribute("href").ShouldBe("https://www.openstreetmap.org/?mlat=53.55&mlon=9.99#map=17/53.55/9.99");
    }

    [Fact]
    public void Contacts_ListEachCardWithItsNumbers()
    {
        var bubble = RenderBubble(Message(text: "", type: MessageContentType.Contacts,
            content: new ContactsContent([new SharedContact("Max Muster", ["+49 1", "+49 2"]), new SharedContact("Eva", [])])));

        bubble.FindAll("[data-role=shared-contact] strong").Select(l => l.TextContent).ShouldBe(["Max Muster", "Eva"]);
        bubble.FindAll("[data-role=phone]").Select(l => l.TextContent.Trim()).ShouldBe(["+49 1", "+49 2"]);
    }

    [Fact]
    public void Contacts_AFullCardShowsEverything()
    {
        var card = new SharedContact("Mia Meister", ["+49 176 5550001"], new SharedName("Dr.", "Mia", null, "Meister", null), "Radwerkstatt Nord", "Service",
            "Meisterin", [new SharedPhone("+49 176 5550001", "CELL", "491765550001"), new SharedPhone("+49 40 555000", "WORK", null)],
            [new SharedValue("mia@werkstatt.example", "WORK")], [new SharedAddress("Hauptstraße 1", "Hamburg", null, "20095", "Germany", "WORK")],
            "1984-03-17", [new SharedValue("https://werkstatt.example/", null)]);

        var bubble = RenderBubble(Message(text: "", type: MessageContentType.Contacts, content: new ContactsContent([card])));

        bubble.Find("[data-role=structured-name]").TextContent.Trim().ShouldBe("(Dr. Mia Meister)");
        bubble.Find("[data-role=organisation]").TextContent.ShouldBe("Meisterin · Service · Radwerkstatt Nord");
        bubble.FindAll("[data-role=phone]").Select(l => string.Join(' ', l.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)))
            .ShouldBe(["+49 176 5550001 (CELL) · WhatsApp 491765550001", "+49 40 555000 (WORK)"]);
        bubble.Find("[data-role=email] a").GetAttribute("href").ShouldBe("mailto:mia@werkstatt.example");
        bubble.Find("[data-role=address]").TextContent.ShouldBe("Hauptstraße 1, 20095 Hamburg, Germany (WORK)");
        bubble.Find("[data-role=birthday]").TextContent.ShouldBe("Birthday: 1984-03-17");
        bubble.Find("[data-role=url] a").GetAttribute("href").ShouldBe("https://werkstatt.example/");
    }

    [Fact]
    public void Choice_SaysWhatTheCustomerChose()
    {
        var bubble = RenderBubble(Message(text: "Morgen", type: MessageContentType.Choice, content: new ChoiceContent("button", "b2", "Morgen", "ab 9 Uhr", "wamid.1")));

        bubble.Find("[data-role=choice]").TextContent.ShouldContain("Chose: Morgen");
        bubble.Find("[data-role=choice]").TextContent.ShouldContain("ab 9 Uhr");
    }

    [Fact]
    public void Order_ShowsLinesAndTotal_EvenForAHugePrice()
    {
        var bubble = RenderBubble(Message(text: "", type: MessageContentType.Order,
            content: new OrderContent([new OrderLine("rad-1", 1000, 99_999_999_999.99m, "EUR"), new OrderLine("klingel", 2, 4.5m, "EUR")], "Bitte schnell")));

        var cells = bubble.FindAll(".bi-order tbody td").Select(c => c.TextContent).ToList();
        cells.ShouldBe(["rad-1", "1000", "99,999,999,999.99 EUR", "99,999,999,999,990.00 EUR", "klingel", "2", "4.50 EUR", "9.00 EUR"]);
        bubble.Find(".bi-order tfoot").TextContent.ShouldContain("99,999,999,999,999.00 EUR");
        bubble.Find(".bi-order").TextContent.ShouldContain("Bitte schnell");
    }

    [Fact]
    public void Order_StoredWithAPriceWhoseTotalOverflows_ShowsADash_AndTheRestOfTheOrder()
    {
        // Stored before prices were range-checked on the way in: 5e28 × 3 is beyond decimal's range.
        var bubble = RenderBubble(Message(text: "", type: MessageContentType.Order,
            content: new OrderContent([new OrderLine("gold", 3, 50_000_000_000_000_000_000_000_000_000m, "EUR"), new OrderLine("klingel", null, 4.5m, "EUR")], "Eilig")));

        var cells = bubble.FindAll(".bi-order tbody td").Select(c => c.TextContent).ToList();
        cells.ShouldBe(["gold", "3", "50,000,000,000,000,000,000,000,000,000.00 EUR", "–", "klingel", "–", "4.50 EUR", "–"]);
        bubble.Find(".bi-order tfoot").TextContent.ShouldContain("–");
        bubble.Find(".bi-order").TextContent.ShouldContain("Eilig");
    }

    [Fact]
    public void Location_WithoutUsableCoordinates_ShowsThePlace_WithoutAMapLink()
    {
        var bubble = RenderBubble(Message(text: "", type: MessageContentType.Location, content: new LocationContent(null, null, "Laden", "Hafenstraße 1")));

        bubble.Find(".bi-location").TextContent.ShouldContain("Hafenstraße 1");
        bubble.FindAll(".bi-location a").ShouldBeEmpty();
    }

    [Fact]
    public void Order_InSeveralCurrencies_HasNoTotal()
    {
        var bubble = RenderBubble(Message(text: "", type: MessageContentType.Order,
            content: new OrderContent([new OrderLine("a", 1, 1m, "EUR"), new OrderLine("b", 1, 1m, "USD")], null)));

        bubble.FindAll(".bi-order tfoot").ShouldBeEmpty();
    }

    [Fact]
    public void Picture_IsShownInPlace_WithItsCaptionAsAltText_AndADownloadLink()
    {
        var file = Guid.NewGuid();
        var bubble = RenderBubble(Message(text: "", type: MessageContentType.Image, content: new MediaContent("m1", "image/jpeg", "Mein Rad", "rad.jpg", Size: 2048), file: file));

        var image = bubble.Find("img.bi-media-image");
        image.GetAttribute("alt").ShouldBe("Mein Rad");
        image.GetAttribute("src")!.ShouldContain(file.ToString("N"));
        bubble.Find("[data-role=download]").TextContent.ShouldContain("rad.jpg");
        bubble.Find(".bi-media-size").TextContent.ShouldBe("2 KB");
    }

    [Theory]
    [InlineData(MessageContentType.Audio, "audio/ogg", "audio")]
    [InlineData(MessageContentType.Voice, "audio/ogg", "audio")]
    [InlineData(MessageContentType.Video, "video/mp4", "video")]
    public void SoundAndVideo_PlayInPlace(MessageContentType type, string mime, string element)
    {
        var bubble = RenderBubble(Message(text: "", type: type, content: new MediaContent("m1", mime, null, null), file: Guid.NewGuid()));

        bubble.Find($"{element}[controls]").ShouldNotBeNull();
        bubble.Find("[data-role=download]").ShouldNotBeNull();
    }

    [Fact]
    public void Document_IsOnlyADownload()
    {
        var bubble = RenderBubble(Message(text: "", type: MessageContentType.Document,
            content: new MediaContent("m1", "application/pdf", "Ihr Kostenvoranschlag", "Kostenvoranschlag.pdf", Size: 3 * 1024 * 1024), file: Guid.NewGuid()));

        bubble.FindAll("img, audio, video").ShouldBeEmpty();
        bubble.Find("[data-role=download]").TextContent.ShouldContain("Kostenvoranschlag.pdf");
        bubble.Find(".bi-media-size").TextContent.ShouldBe("3 MB");
        bubble.Find(".bi-msg-text").TextContent.ShouldBe("Ihr Kostenvoranschlag");
    }

    [Fact]
    public void MediaNotYetFetched_SaysSo_AndAFailedFetchSaysWhy()
    {
        var pending = RenderBubble(Message(text: "", type: MessageContentType.Image, content: new MediaContent("m1", "image/jpeg", null, null)));
        var failed = RenderBubble(Message(text: "", type: MessageContentType.Image, content: new MediaContent("m1", "image/jpeg", null, null), error: "too large"));

        pending.Find(".bi-media-pending").TextContent.ShouldContain("Picture is being fetched…");
        failed.Find(".bi-media-pending").TextContent.ShouldContain("Picture could not be fetched: too large");
        pending.FindAll("[data-role=download]").ShouldBeEmpty();
        pending.FindAll("[data-role=refetch]").ShouldBeEmpty();
    }

    [Fact]
    public void ADocumentThatCouldNotBeFetched_IsNamedByItsFile_AndCanBeFetchedAgain()
    {
        var failed = RenderBubble(Message(text: "", type: MessageContentType.Document,
            content: new MediaContent("m1", "application/pdf", null, "Rechnung-2026-11.pdf"), error: "the media server did not answer"));

        failed.Find(".bi-media-pending").TextContent.ShouldContain("Rechnung-2026-11.pdf (Document) could not be fetched: the media server did not answer");
        failed.Find("[data-role=refetch]").Click();

        _retried.ShouldBe([7]);
    }

    [Fact]
    public void ReplyButtonsTheTeamSent_AreListedUnderTheText()
    {
        var bubble = RenderBubble(Message(MessageKind.Outgoing, "Wann?", MessageContentType.Buttons,
            new ButtonsContent("Wann möchten Sie es abholen?", [new ReplyButton("b1", "Heute"), new ReplyButton("b2", "Morgen")]), DeliveryStatus.Sent));

        bubble.Find(".bi-msg-text").TextContent.ShouldBe("Wann möchten Sie es abholen?");
        bubble.FindAll(".bi-reply-buttons li").Select(l => l.TextContent).ShouldBe(["Heute", "Morgen"]);
    }

    [Fact]
    public void AListTheTeamSent_FoldsItsRowsAwayBehindItsButton()
    {
        var bubble = RenderBubble(Message(MessageKind.Outgoing, "", MessageContentType.List,
            new ListContent("Welche Filiale?", "Filialen", [new ListRow("f1", "Nord", "Hafen"), new ListRow("f2", "Süd", null)]), DeliveryStatus.Sent));

        bubble.Find(".bi-list-rows summary").TextContent.ShouldContain("Filialen");
        bubble.FindAll(".bi-list-rows li").Select(l => l.TextContent).ShouldBe(["Nord · Hafen", "Süd"]);
    }

    [Fact]
    public void Template_NamesItselfAndItsLanguage()
    {
        var bubble = RenderBubble(Message(MessageKind.Outgoing, "Hallo Jonas, Ihr Rad ist abholbereit.", MessageContentType.Template,
            new TemplateContent(1, "order_ready", "de", ["Jonas"]), DeliveryStatus.Sent));

        bubble.FindAll(".bi-msg-label").Select(l => l.TextContent).ShouldContain(t => t.Contains("Template order_ready (de)"));
        bubble.Find(".bi-msg-text").TextContent.ShouldBe("Hallo Jonas, Ihr Rad ist abholbereit.");
    }

    [Fact]
    public void UnsupportedMessage_SaysSo_AndCanShowWhatArrived()
    {
        var bubble = RenderBubble(Message(text: "", type: MessageContentType.Unsupported, content: new UnsupportedContent("poll", "{\"q\":1}")));

        bubble.Find(".bi-unsupported").TextContent.ShouldContain("Unsupported message type (poll)");
        bubble.Find(".bi-unsupported pre").TextContent.ShouldBe("{\"q\":1}");
    }

    [Theory]
    [InlineData("poll_creation", "The customer sent a poll, which WhatsApp does not pass on to business apps.")]
    [InlineData("view_once", "The customer sent a view-once photo or video, which WhatsApp does not pass on")]
    [InlineData("unavailable", "WhatsApp could not pass this message on. Ask the customer to send it again.")]
    [InlineData("something_new", "Unsupported message type (something_new)")]
    public void UnsupportedMessage_NamesWhatTheCustomerSent_WhereMetaSaysSo(string kind, string expected)
    {
        var bubble = RenderBubble(Message(text: "", type: MessageContentType.Unsupported, content: new UnsupportedContent("unsupported", "{}", kind)));

        bubble.Find(".bi-unsupported").TextContent.ShouldContain(expected);
    }

    [Fact]
    public void Location_WithItsOwnWebAddress_LinksIt_ButNeverAScript()
    {
        var shop = RenderBubble(Message(text: "", type: MessageContentType.Location, content: new LocationContent(53.55, 9.99, "Laden", null, "https://laden.example/filiale")));
        shop.Find(".bi-location a").GetAttribute("href").ShouldBe("https://laden.example/filiale");
        shop.Find(".bi-location a").TextContent.ShouldBe("laden.example");

        var script = RenderBubble(Message(text: "", type: MessageContentType.Location, content: new LocationContent(53.55, 9.99, "Laden", null, "javascript:alert(1)")));
        script.FindAll(".bi-location a").Select(a => a.GetAttribute("href")).ShouldAllBe(href => href!.StartsWith("https://www.openstreetmap.org/"));
    }
}
