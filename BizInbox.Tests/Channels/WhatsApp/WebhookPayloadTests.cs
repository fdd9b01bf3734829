using System.Text;
using BizInbox.Web.Channels.WhatsApp;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>Payloads in the Cloud API's shape, one per message type the inbox must understand.</summary>
public class WebhookPayloadTests
{
    private static WhatsAppChange ParseOne(string valueJson) =>
        WebhookPayload.Parse(Encoding.UTF8.GetBytes($$"""
            {"object":"whatsapp_business_account","entry":[{"id":"WABA_ID","changes":[{"field":"messages","value":{{valueJson}}}]}]}
            """)).ShouldHaveSingleItem();

    private static WhatsAppInboundMessage Message(string type, string part, string extra = "") =>
        ParseOne($$"""
            {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
             "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],
             "messages":[{"from":"16505551234","id":"wamid.ABC","timestamp":"1749416383","type":"{{type}}","{{type}}":{{part}}{{extra}}}]}
            """).Messages.ShouldHaveSingleItem();

    [Fact]
    public void Text_CarriesSenderProfileAndBody()
    {
        var change = ParseOne("""
            {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
             "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],
             "messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Gibt es das in Blau?"}}]}
            """);

        change.PhoneNumberId.ShouldBe("106540352242922");
        change.DisplayPhoneNumber.ShouldBe("15550783881");
        change.Contacts.ShouldHaveSingleItem().ShouldBe(new WhatsAppProfile("16505551234", "Sheena Nelson"));
        var message = change.Messages.ShouldHaveSingleItem();
        (message.Type, message.Text, message.From).ShouldBe((WhatsAppMessageType.Text, "Gibt es das in Blau?", "16505551234"));
        message.Id.ShouldStartWith("wamid.");
        message.Timestamp.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1749416383));
    }

    [Theory]
    [InlineData("image", """{"caption":"Kratzer","mime_type":"image/jpeg","sha256":"abc","id":"MEDIA1"}""", WhatsAppMessageType.Image)]
    [InlineData("video", """{"mime_type":"video/mp4","sha256":"abc","id":"MEDIA1"}""", WhatsAppMessageType.Video)]
    [InlineData("audio", """{"mime_type":"audio/ogg; codecs=opus","sha256":"abc","id":"MEDIA1","voice":false}""", WhatsAppMessageType.Audio)]
    [InlineData("audio", """{"mime_type":"audio/ogg; codecs=opus","sha256":"abc","id":"MEDIA1","voice":true}""", WhatsAppMessageType.Voice)]
    [InlineData("document", """{"filename":"Rechnung.pdf","mime_type":"application/pdf","sha256":"abc","id":"MEDIA1"}""", WhatsAppMessageType.Document)]
    [InlineData("sticker", """{"mime_type":"image/webp","sha256":"abc","id":"MEDIA1","animated":false}""", WhatsAppMessageType.Sticker)]
    public void Media_KeepsTheMediaIdTypeAndCaption(string type, string part, WhatsAppMessageType expected)
    {
        var message = Message(type, part);

        message.Type.ShouldBe(expected);
        message.Media.ShouldNotBeNull().Id.ShouldBe("MEDIA1");
        message.Media.MimeType.ShouldNotBeNullOrEmpty();
        if (type == "image")
        {
            message.Media.Caption.ShouldBe("Kratzer");
        }

        if (type == "document")
        {
            message.Media.FileName.ShouldBe("Rechnung.pdf");
        }
    }

    [Fact]
    public void Location_KeepsCoordinatesNameAndAddress()
    {
        var message = Message("location", """{"latitude":53.5511,"longitude":9.9937,"name":"Filiale Hamburg","address":"Jungfernstieg 1"}""");

        message.Location.ShouldBe(new WhatsAppLocation(53.5511, 9.9937, "Filiale Hamburg", "Jungfernstieg 1"));
    }

    [Fact]
    public void Contacts_KeepsNamesAndPhones()
    {
        var message = ParseOne("""
            {"metadata":{"phone_number_id":"1"},"messages":[{"from":"491711","id":"wamid.C","timestamp":"1","type":"contacts",
             "contacts":[{"name":{"formatted_name":"Max Muster","first_name":"Max"},"phones":[{"phone":"+49 171 2345678","wa_id":"491712345678","type":"CELL"}]}]}]}
            """).Messages.Single();

        message.Type.ShouldBe(WhatsAppMessageType.Contacts);
        var shared = message.SharedContacts.ShouldHaveSingleItem();
        shared.Name.ShouldBe("Max Muster");
        shared.Phones.ShouldBe(["+49 171 2345678"]);
    }

    [Fact]
    public void ButtonReply_SaysWhichButtonWasChosen_AndWhichMessageItAnswers()
    {
        var message = Message("interactive", """{"type":"button_reply","button_reply":{"id":"confirm-yes","title":"Ja, bitte"}}""",
            ""","context":{"from":"15550783881","id":"wamid.ASKED"}""");

        message.Type.ShouldBe(WhatsAppMessageType.ButtonReply);
        message.Choice.ShouldBe(new WhatsAppChoice("confirm-yes", "Ja, bitte", null));
        message.ContextMessageId.ShouldBe("wamid.ASKED");
    }

    [Fact]
    public void ListReply_SaysWhichRowWasChosen()
    {
        var message = Message("interactive", """{"type":"list_reply","list_reply":{"id":"slot-2","title":"Mi 10:00","description":"Werkstatt"}}""");

        message.Type.ShouldBe(WhatsAppMessageType.ListReply);
        message.Choice.ShouldBe(new WhatsAppChoice("slot-2", "Mi 10:00", "Werkstatt"));
    }

    [Fact]
    public void TemplateQuickReply_KeepsPayloadAndText()
    {
        var message = Message("button", """{"payload":"STOP_PROMOS","text":"Keine Werbung"}""");

        message.Type.ShouldBe(WhatsAppMessageType.TemplateButton);
        message.Choice.ShouldBe(new WhatsAppChoice("STOP_PROMOS", "Keine Werbung", null));
    }

    [Theory]
    [InlineData("👍", "👍")]
    [InlineData("", "")]
    public void Reaction_NamesTheMessageItReactsTo(string emoji, string expected)
    {
        var message = Message("reaction", $$"""{"message_id":"wamid.OURS","emoji":"{{emoji}}"}""");

        message.Reaction.ShouldBe(new WhatsAppReaction("wamid.OURS", expected));
    }

    [Fact]
    public void Order_KeepsItemsAndNote()
    {
        var message = Message("order", """{"catalog_id":"CAT","text":"Bitte bis Freitag","product_items":[{"product_retailer_id":"SKU-1","quantity":"2","item_price":"19.90","currency":"EUR"}]}""");

        message.Text.ShouldBe("Bitte bis Freitag");
        message.OrderItems.ShouldHaveSingleItem().ShouldBe(new WhatsAppOrderItem("SKU-1", 2, 19.90m, "EUR"));
        message.CatalogId.ShouldBe("CAT");
    }

    [Theory]
    [InlineData("https://laden.example/filiale", "https://laden.example/filiale")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("laden.example", null)]
    public void Location_KeepsThePlacesOwnWebAddress_OnlyWhenItIsOne(string url, string? kept)
    {
        var message = Message("location", $$"""{"latitude":53.5511,"longitude":9.9937,"name":"Filiale","url":"{{url}}"}""");

        message.Location!.Url.ShouldBe(kept);
    }

    [Fact]
    public void Unsupported_ThatWhatsAppCouldNotPassOn_IsUnavailable()
    {
        var message = Message("unsupported", """{"type":"image"}""",
            extra: ""","errors":[{"code":131060,"title":"This message is currently unavailable."}]""");

        message.Type.ShouldBe(WhatsAppMessageType.Unsupported);
        message.UnsupportedKind.ShouldBe("unavailable");
    }

    [Theory]
    [InlineData("\"NaN\"", "9.9937")]
    [InlineData("\"Infinity\"", "9.9937")]
    [InlineData("91", "9.9937")]
    [InlineData("53.5511", "1e308")]
    public void Location_WithCoordinatesOutOfRange_KeepsThePlace_WithoutCoordinates(string latitude, string longitude)
    {
        var message = Message("location", $$"""{"latitude":{{latitude}},"longitude":{{longitude}},"name":"Filiale","address":"Jungfernstieg 1"}""");

        message.Location!.Name.ShouldBe("Filiale");
        message.Location.Address.ShouldBe("Jungfernstieg 1");
        (message.Location.Latitude is null || message.Location.Longitude is null).ShouldBeTrue();
        message.RawJson.ShouldContain(longitude.Trim('"'));
    }

    [Theory]
    [InlineData("\"5e28\"", "3")]
    [InlineData("\"NaN\"", "1")]
    [InlineData("-1", "1")]
    [InlineData("19.90", "1e12")]
    [InlineData("19.90", "2.5")]
    public void Order_WithPricesOrQuantitiesNoShopHas_KeepsTheLine_WithoutTheImpossibleValue(string price, string quantity)
    {
        var message = Message("order", $$"""{"catalog_id":"CAT","product_items":[{"product_retailer_id":"SKU-1","quantity":{{quantity}},"item_price":{{price}},"currency":"EUR"}]}""");

        var line = message.OrderItems.ShouldHaveSingleItem();
        line.ProductId.ShouldBe("SKU-1");
        (line.ItemPrice is null || line.Quantity is null).ShouldBeTrue();
    }

    [Fact]
    public void Timestamp_BeyondWhatADateHolds_DoesNotFailTheWebhook()
    {
        var change = ParseOne("""
            {"metadata":{"phone_number_id":"1"},"messages":[{"from":"491711","id":"wamid.F","timestamp":"99999999999999","type":"text","text":{"body":"Hallo"}}]}
            """);

        change.Messages.ShouldHaveSingleItem().Timestamp.ShouldBe(DateTimeOffset.MaxValue.AddTicks(-(DateTimeOffset.MaxValue.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Theory]
    [InlineData("""{"body":"Kunde hat die Nummer gewechselt","wa_id":"491719999999","type":"user_changed_number"}""", "491719999999")]
    [InlineData("""{"body":"Kunde hat die Nummer gewechselt","new_wa_id":"491719999999","type":"customer_changed_number"}""", "491719999999")]
    [InlineData("""{"body":"Kunde hat die Nummer gewechselt","new_wa_id":"491719999999","type":"user_changed_number"}""", "491719999999")]
    [InlineData("""{"body":"Der Sicherheitscode hat sich geändert","identity":"abc","type":"customer_identity_changed"}""", null)]
    [InlineData("""{"body":"Kunde hat die Nummer gewechselt","wa_id":"49171<x>","type":"user_changed_number"}""", null)]
    public void System_KeepsTheNotice_AndANumberChangesNewId(string part, string? newWaId)
    {
        var message = Message("system", part);

        (message.Type, message.NewWaId, message.IsNumberChange).ShouldBe((WhatsAppMessageType.System, newWaId, newWaId is not null));
        message.Text.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void UnknownTypes_AreKeptWithTheirRawJson_NotDropped()
    {
        var message = ParseOne("""
            {"metadata":{"phone_number_id":"1"},"messages":[{"from":"4917","id":"wamid.U","timestamp":"1","type":"unsupported",
             "errors":[{"code":131051,"title":"Message type unknown","error_data":{"details":"Message type is currently not supported."}}]}]}
            """).Messages.Single();

        message.Type.ShouldBe(WhatsAppMessageType.Unsupported);
        message.RawJson.ShouldContain("131051");
        message.Errors.ShouldHaveSingleItem().ShouldBe(new WhatsAppError(131051, "Message type unknown", "Message type is currently not supported."));
    }

    [Theory]
    [InlineData("sent", WhatsAppStatusKind.Sent)]
    [InlineData("delivered", WhatsAppStatusKind.Delivered)]
    [InlineData("read", WhatsAppStatusKind.Read)]
    [InlineData("failed", WhatsAppStatusKind.Failed)]
    [InlineData("deleted", WhatsAppStatusKind.Unknown)]
    public void Statuses_AreRead(string status, WhatsAppStatusKind expected)
    {
        var parsed = ParseOne($$"""
            {"metadata":{"phone_number_id":"1"},"statuses":[{"id":"wamid.OUT","status":"{{status}}","timestamp":"1749416400","recipient_id":"16505551234"}]}
            """).Statuses.ShouldHaveSingleItem();

        (parsed.MessageId, parsed.Status, parsed.RecipientId).ShouldBe(("wamid.OUT", expected, "16505551234"));
    }

    [Fact]
    public void FailedStatus_CarriesMetasErrorCodeAndTitle()
    {
        var parsed = ParseOne("""
            {"metadata":{"phone_number_id":"1"},"statuses":[{"id":"wamid.OUT","status":"failed","timestamp":"1","recipient_id":"4917",
             "errors":[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message","error_data":{"details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."}}]}]}
            """).Statuses.Single();

        var error = parsed.Errors.ShouldHaveSingleItem();
        (error.Code, error.Title).ShouldBe((131047, "Re-engagement message"));
        error.Details!.ShouldContain("24 hours");
    }

    [Fact]
    public void WebhookLevelErrors_AreRead_WithTheirCodeAndTitle_AndAnImpossibleCodeIsUnknown()
    {
        var parsed = ParseOne("""
            {"messaging_product":"whatsapp","metadata":{"phone_number_id":"1"},
             "errors":[{"code":131051,"title":"Unsupported message type","message":"Message type is not currently supported","error_data":{"details":"Message type is not currently supported"}},
                       {"code":1e40,"message":"Only a message"}]}
            """);

        parsed.Messages.ShouldBeEmpty();
        parsed.Errors.Select(e => (e.Code, e.Title)).ShouldBe([(131051, "Unsupported message type"), (0, "Only a message")]);
        parsed.ReportedErrors.ShouldAllBe(r => r.Source == BizInbox.Domain.Channels.WhatsAppErrorSource.Webhook);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[]}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},"messages":[{"type":"text","text":{"body":"x"}}]}}]}]}""")]
    public void MalformedBodies_AreRefusedWithAReason_WithoutEchoingContent(string body)
    {
        var error = Should.Throw<WebhookPayloadException>(() => WebhookPayload.Parse(Encoding.UTF8.GetBytes(body)));

        error.Message.ShouldNotContain("\"x\"");
    }

    [Theory]
    [InlineData("""{"object":"page","entry":[{"messaging":[{"message":{"text":"x"}}]}]}""", "object \"page\"")]
    [InlineData("""[1,2,3]""", "a JSON array")]
    public void ValidJson_ThatIsNoWhatsAppNotification_IsIgnored_WithoutEchoingContent(string body, string reason)
    {
        var ignored = Should.Throw<WebhookIgnoredException>(() => WebhookPayload.Parse(Encoding.UTF8.GetBytes(body)));

        ignored.Message.ShouldBe(reason);
    }

    [Fact]
    public void OtherFields_LikeTemplateStatusUpdates_AreIgnored() =>
        WebhookPayload.Parse(Encoding.UTF8.GetBytes("""
            {"object":"whatsapp_business_account","entry":[{"changes":[{"field":"message_template_status_update","value":{"event":"APPROVED"}}]}]}
            """)).ShouldBeEmpty();
}
