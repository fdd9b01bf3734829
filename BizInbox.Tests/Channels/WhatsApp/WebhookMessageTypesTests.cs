using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Tests.Support;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>
/// Every message type of Meta's Cloud API webhook, signed and posted to the real app, in Meta's published shapes:
/// what is stored (content type, rich content, readable text) and who it is from.
/// </summary>
public sealed class WebhookMessageTypesTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private static string NewWamid() => "wamid.HBgN" + Guid.NewGuid().ToString("N").ToUpperInvariant();

    /// <summary>Posts one message of a new customer and returns what was stored for it.</summary>
    private async Task<Message> ReceiveAsync(string type, string part, string? repliedTo = null, string? from = null)
    {
        var customer = from ?? WebhookApp.NewCustomer();
        var wamid = NewWamid();
        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Message(wamid, customer, type, part, repliedTo: repliedTo)));
        var stored = (await app.IncomingAsync(customer)).ShouldHaveSingleItem();
        stored.ExternalId.ShouldBe(wamid);
        stored.ClientMessageId.ShouldBe(wamid);
        return stored;
    }

    [Fact]
    public async Task Text_IsStoredAsPlainText_FromTheProfileNamedContact()
    {
        var customer = WebhookApp.NewCustomer();
        var wamid = NewWamid();

        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Text(wamid, customer, "Gibt es das Rad auch in Blau?")));

        var message = (await app.IncomingAsync(customer)).ShouldHaveSingleItem();
        (message.Kind, message.ContentType, message.Content, message.Text, message.ExternalId)
            .ShouldBe((MessageKind.Incoming, MessageContentType.Text, (string?)null, "Gibt es das Rad auch in Blau?", wamid));
        var contact = (await app.ContactsAsync(customer)).ShouldHaveSingleItem();
        (contact.Name, contact.WhatsAppId, contact.Phone).ShouldBe(("Sheena Nelson", customer, "+" + customer));
    }

    [Theory]
    [InlineData("image", """{"caption":"Kratzer am Rahmen","mime_type":"image/jpeg","sha256":"c2b5f3a7e1d94b8a","id":"1479537139650973"}""",
        MessageContentType.Image, "[Image] Kratzer am Rahmen", "image/jpeg", "Kratzer am Rahmen", null)]
    [InlineData("video", """{"mime_type":"video/mp4","sha256":"c2b5f3a7e1d94b8a","id":"1479537139650974"}""",
        MessageContentType.Video, "[Video]", "video/mp4", null, null)]
    [InlineData("audio", """{"mime_type":"audio/mpeg","sha256":"c2b5f3a7e1d94b8a","id":"1479537139650975","voice":false}""",
        MessageContentType.Audio, "[Audio]", "audio/mpeg", null, null)]
    [InlineData("audio", """{"mime_type":"audio/ogg; codecs=opus","sha256":"c2b5f3a7e1d94b8a","id":"1479537139650976","voice":true}""",
        MessageContentType.Voice, "[Voice]", "audio/ogg; codecs=opus", null, null)]
    [InlineData("document", """{"caption":"Rechnung März","filename":"rechnung-0815.pdf","mime_type":"application/pdf","sha256":"c2b5f3a7e1d94b8a","id":"1479537139650977"}""",
        MessageContentType.Document, "[Document] Rechnung März", "application/pdf", "Rechnung März", "rechnung-0815.pdf")]
    [InlineData("document", """{"filename":"lieferschein.pdf","mime_type":"application/pdf","sha256":"c2b5f3a7e1d94b8a","id":"1479537139650978"}""",
        MessageContentType.Document, "[Document] lieferschein.pdf", "application/pdf", null, "lieferschein.pdf")]
    [InlineData("sticker", """{"mime_type":"image/webp","sha256":"c2b5f3a7e1d94b8a","id":"1479537139650979","animated":false}""",
        MessageContentType.Sticker, "[Sticker]", "image/webp", null, null)]
    public async Task Media_KeepsWhatsAppsMediaId_TypeCaptionAndName_AndQueuesTheFetch(
        string type, string part, MessageContentType expectedType, string expectedText, string mime, string? caption, string? fileName)
    {
        var message = await ReceiveAsync(type, part);

        (message.ContentType, message.Text).ShouldBe((expectedType, expectedText));
        var media = MessageContents.Read<MediaContent>(message.Content).ShouldNotBeNull();
        media.WhatsAppMediaId.ShouldBe(System.Text.Json.JsonDocument.Parse(part).RootElement.GetProperty("id").GetString());
        (media.MimeType, media.Caption, media.FileName, media.Sha256).ShouldBe((mime, caption, fileName, "c2b5f3a7e1d94b8a"));
        (await app.JobsAsync(message.Id)).ShouldContain(j => j.Kind == ChannelJobKind.FetchMedia);
    }

    [Fact]
    public async Task Location_KeepsCoordinatesNameAddressAndItsWebAddress()
    {
        var message = await ReceiveAsync("location", """
            {"address":"Hauptstraße 1, 20095 Hamburg","latitude":53.551086,"longitude":9.993682,"name":"Fahrradladen Nord","url":"https://fahrradladen-nord.example"}
            """);

        message.ContentType.ShouldBe(MessageContentType.Location);
        message.Text.ShouldBe("[Location] Fahrradladen Nord Hauptstraße 1, 20095 Hamburg (53.55109, 9.99368)");
        MessageContents.Read<LocationContent>(message.Content)
            .ShouldBe(new LocationContent(53.551086, 9.993682, "Fahrradladen Nord", "Hauptstraße 1, 20095 Hamburg", "https://fahrradladen-nord.example/"));
        (await app.JobsAsync(message.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Contacts_KeepEachCardsNameAndNumbers()
    {
        var message = await ReceiveAsync("contacts", """
            [{"addresses":[{"city":"Hamburg","country":"Germany","country_code":"DE","street":"Hauptstraße 1","type":"WORK","zip":"20095"}],
              "birthday":"1990-05-17","emails":[{"email":"lena@example.com","type":"WORK"}],
              "name":{"formatted_name":"Lena Schmidt","first_name":"Lena","last_name":"Schmidt"},
              "org":{"company":"Werkstatt Schmidt","title":"Meisterin"},
              "phones":[{"phone":"+49 171 2345678","wa_id":"491712345678","type":"CELL"},{"phone":"+49 40 7654321","type":"WORK"}],
              "urls":[{"url":"https://werkstatt.example","type":"WORK"}]},
             {"name":{"formatted_name":"Jonas Weber","first_name":"Jonas"},"phones":[{"wa_id":"4915112345678","type":"CELL"}]}]
            """);

        message.ContentType.ShouldBe(MessageContentType.Contacts);
        message.Text.ShouldBe("[Contacts] Lena Schmidt +49 171 2345678, +49 40 7654321; Jonas Weber 4915112345678");
        var cards = MessageContents.Read<ContactsContent>(message.Content).ShouldNotBeNull().Contacts;
        cards.Select(c => c.Name).ShouldBe(["Lena Schmidt", "Jonas Weber"]);
        cards[0].Phones.ShouldBe(["+49 171 2345678", "+49 40 7654321"]);
        cards[1].Phones.ShouldBe(["4915112345678"]);
    }

    [Fact]
    public async Task ButtonReply_IsAChoice_WithTheButtonsIdTitleAndTheMessageItAnswered()
    {
        var message = await ReceiveAsync("interactive", """
            {"type":"button_reply","button_reply":{"id":"b2","title":"Morgen abholen"}}
            """, repliedTo: "wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEjBFMzNGNzA0RDYzNzc5RjQ4OQA=");

        (message.ContentType, message.Text).ShouldBe((MessageContentType.Choice, "Morgen abholen"));
        MessageContents.Read<ChoiceContent>(message.Content).ShouldBe(
            new ChoiceContent("button", "b2", "Morgen abholen", null, "wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEjBFMzNGNzA0RDYzNzc5RjQ4OQA="));
    }

    [Fact]
    public async Task ListReply_IsAChoice_WithTheRowsIdTitleAndDescription()
    {
        var message = await ReceiveAsync("interactive", """
            {"type":"list_reply","list_reply":{"id":"r3","title":"Inspektion","description":"Bremsen, Schaltung, Licht"}}
            """, repliedTo: "wamid.LIST");

        (message.ContentType, message.Text).ShouldBe((MessageContentType.Choice, "Inspektion"));
        MessageContents.Read<ChoiceContent>(message.Content).ShouldBe(
            new ChoiceContent("list", "r3", "Inspektion", "Bremsen, Schaltung, Licht", "wamid.LIST"));
    }

    [Fact]
    public async Task TemplateQuickReplyButton_IsAChoice_WithItsPayload()
    {
        var message = await ReceiveAsync("button", """{"payload":"CONFIRM_APPOINTMENT","text":"Ja, passt"}""", repliedTo: "wamid.TEMPLATE");

        (message.ContentType, message.Text).ShouldBe((MessageContentType.Choice, "Ja, passt"));
        MessageContents.Read<ChoiceContent>(message.Content).ShouldBe(
            new ChoiceContent("template", "CONFIRM_APPOINTMENT", "Ja, passt", null, "wamid.TEMPLATE"));
    }

    [Fact]
    public async Task Reaction_LandsOnTheAgentsMessage_NotAsANewMessage_AndOneWithoutEmojiRemovesIt()
    {
        var customer = WebhookApp.NewCustomer();
        await app.CustomerWritesAsync(customer, "Ist mein Rad fertig?");
        var replyId = await app.AgentMessageAsync(customer, "wamid.OUT-" + customer, DeliveryStatus.Sent);
        var before = await app.TimelineAsync(customer);

        await app.DeliverAsync(Inbound(customer, "Sheena Nelson",
            Message(NewWamid(), customer, "reaction", $$"""{"message_id":"wamid.OUT-{{customer}}","emoji":"\uD83D\uDC4D"}""")));

        (await app.MessageAsync(replyId)).CustomerReaction.ShouldBe("👍");
        (await app.TimelineAsync(customer)).Select(m => m.Id).ShouldBe(before.Select(m => m.Id));

        // Meta omits the emoji when the customer takes the reaction back.
        await app.DeliverAsync(Inbound(customer, "Sheena Nelson",
            Message(NewWamid(), customer, "reaction", $$"""{"message_id":"wamid.OUT-{{customer}}"}""")));

        (await app.MessageAsync(replyId)).CustomerReaction.ShouldBeNull();
        (await app.TimelineAsync(customer)).Select(m => m.Id).ShouldBe(before.Select(m => m.Id));
    }

    [Fact]
    public async Task Reaction_ToAMessageOfAnotherCustomer_DoesNotTouchIt_AndIsKeptAsAnEntry()
    {
        var owner = WebhookApp.NewCustomer();
        await app.CustomerWritesAsync(owner);
        var replyId = await app.AgentMessageAsync(owner, "wamid.OUT-" + owner, DeliveryStatus.Sent);
        var stranger = WebhookApp.NewCustomer();

        await app.DeliverAsync(Inbound(stranger, "Mallory",
            Message(NewWamid(), stranger, "reaction", $$"""{"message_id":"wamid.OUT-{{owner}}","emoji":"\uD83D\uDE21"}""")));

        (await app.MessageAsync(replyId)).CustomerReaction.ShouldBeNull();
        var kept = (await app.IncomingAsync(stranger)).ShouldHaveSingleItem();
        (kept.ContentType, kept.Text).ShouldBe((MessageContentType.Reaction, "[Reaction] 😡"));
        MessageContents.Read<ReactionContent>(kept.Content).ShouldBe(new ReactionContent("😡", "wamid.OUT-" + owner));
    }

    [Fact]
    public async Task Order_KeepsItsLinesAndNote()
    {
        var message = await ReceiveAsync("order", """
            {"catalog_id":"2374891759285032","text":"Bitte bis Freitag",
             "product_items":[{"product_retailer_id":"SCHLAUCH-28","quantity":2,"item_price":6.5,"currency":"EUR"},
                              {"product_retailer_id":"KETTE-11F","quantity":"1","item_price":"34.90","currency":"EUR"}]}
            """);

        message.ContentType.ShouldBe(MessageContentType.Order);
        message.Text.ShouldBe("[Order] 2 × SCHLAUCH-28 (6.50 EUR), 1 × KETTE-11F (34.90 EUR) Bitte bis Freitag");
        var order = MessageContents.Read<OrderContent>(message.Content).ShouldNotBeNull();
        order.Note.ShouldBe("Bitte bis Freitag");
        order.Items.ShouldBe([new OrderLine("SCHLAUCH-28", 2, 6.5m, "EUR"), new OrderLine("KETTE-11F", 1, 34.90m, "EUR")]);
    }

    [Fact]
    public async Task System_IsKeptWithItsNotice()
    {
        var customer = WebhookApp.NewCustomer();
        var wamid = NewWamid();

        // Meta sends system messages without a contacts array. (A number change becomes an activity: WebhookNumberChangeTests.)
        await app.DeliverAsync(Inbound(customer, null, Message(wamid, customer, "system", """
            {"body":"Sheena's security code changed.","identity":"acdf1e2b","type":"customer_identity_changed"}
            """)));

        var message = (await app.IncomingAsync(customer)).ShouldHaveSingleItem();
        (message.ContentType, message.Text, message.ExternalId).ShouldBe(
            (MessageContentType.System, "[System] Sheena's security code changed.", wamid));
        (await app.ContactsAsync(customer)).ShouldHaveSingleItem().Name.ShouldBe(PhoneNumber.FromWhatsAppId(customer)!.International);
    }

    [Theory]
    [InlineData("unsupported", "\"unsupported\":{\"type\":\"edit\"}", "\"type\":\"edit\"", "edit")]
    [InlineData("poll_creation", "\"poll_creation\":{\"name\":\"Welche Farbe?\",\"options\":[\"Blau\",\"Rot\"]}", "Welche Farbe?", "poll_creation")]
    public async Task UnknownType_IsKeptAsUnsupported_WithItsRawJson(string type, string part, string kept, string kind)
    {
        var customer = WebhookApp.NewCustomer();
        var wamid = NewWamid();
        var raw = $$$"""
            {"from":"{{{customer}}}","id":"{{{wamid}}}","timestamp":"1749416383","type":"{{{type}}}",
             "errors":[{"code":131051,"title":"Message type unknown","message":"Message type unknown","error_data":{"details":"Message type is currently not supported."}}],
             {{{part}}}}
            """;

        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", raw));

        var message = (await app.IncomingAsync(customer)).ShouldHaveSingleItem();
        (message.ContentType, message.Text, message.ExternalId).ShouldBe((MessageContentType.Unsupported, $"[Unsupported message type: {type}]", wamid));
        var content = MessageContents.Read<UnsupportedContent>(message.Content).ShouldNotBeNull();
        content.RawType.ShouldBe(type);
        content.Kind.ShouldBe(kind);
        content.Raw.ShouldContain("131051");
        content.Raw.ShouldContain(kept);
        System.Text.Json.JsonDocument.Parse(content.Raw).RootElement.GetProperty("id").GetString().ShouldBe(wamid);
    }

    [Fact]
    public async Task SamePerson_InTwoNumberFormats_IsOneContact_InOneConversation()
    {
        var customer = WebhookApp.NewCustomer();
        var formatted = $"+{customer[..2]} {customer[2..5]} {customer[5..]}";

        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Text(NewWamid(), customer, "Erste")));
        await app.DeliverAsync(Inbound(formatted, "Sheena N.", Text(NewWamid(), formatted, "Zweite")));

        var contact = (await app.ContactsAsync(customer)).ShouldHaveSingleItem();
        (contact.Name, contact.WhatsAppId).ShouldBe(("Sheena Nelson", customer));
        var messages = await app.IncomingAsync(customer);
        messages.Select(m => m.Text).ShouldBe(["Erste", "Zweite"]);
        messages.Select(m => m.ConversationId).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task SamePerson_InTwoFormats_InOneWebhook_IsOneContact()
    {
        var customer = WebhookApp.NewCustomer();
        var international = "00" + customer;

        await app.DeliverAsync(Inbound(customer, "Sheena Nelson",
            Text(NewWamid(), customer, "Erste"), Text(NewWamid(), international, "Zweite")));

        (await app.ContactsAsync(customer)).ShouldHaveSingleItem().WhatsAppId.ShouldBe(customer);
        (await app.IncomingAsync(customer)).Select(m => m.Text).ShouldBe(["Erste", "Zweite"]);
    }

    [Fact]
    public async Task MexicanCustomer_Under521And52_InOneWebhook_IsOneContact()
    {
        var number = "55" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        await app.DeliverAsync(Inbound("521" + number, "Ana Ruiz",
            Text(NewWamid(), "521" + number, "Hola"), Text(NewWamid(), "52" + number, "¿Abren hoy?")));

        (await app.ContactsAsync("52" + number)).ShouldHaveSingleItem().Phone.ShouldBe("+52" + number);
        (await app.IncomingAsync("521" + number)).Select(m => m.Text).ShouldBe(["Hola", "¿Abren hoy?"]);
    }

    [Fact]
    public async Task ProfileName_ArrivingLater_NamesAContactKnownOnlyByNumber()
    {
        var customer = WebhookApp.NewCustomer();
        await app.DeliverAsync(Inbound(customer, null, Text(NewWamid(), customer, "Hallo")));
        (await app.ContactsAsync(customer)).ShouldHaveSingleItem().Name.ShouldBe(PhoneNumber.FromWhatsAppId(customer)!.International);

        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Text(NewWamid(), customer, "Ich bin's, Sheena")));

        (await app.ContactsAsync(customer)).ShouldHaveSingleItem().Name.ShouldBe("Sheena Nelson");
    }
}
