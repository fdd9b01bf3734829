using System.Text;
using System.Text.Json;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Channels.WhatsApp.Wire;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>The wire records: Meta's field names when written, and lenient reading of values of an unexpected kind.</summary>
public class WebhookWireTests
{
    [Fact]
    public void ValuesOfAnUnexpectedKind_ReadAsMissing_AndTheMessageStillArrives()
    {
        var change = WebhookPayload.Parse(Encoding.UTF8.GetBytes("""
            {"object":"whatsapp_business_account","entry":["noise",{"id":"WABA_ID","changes":[{"field":"messages","value":{
             "metadata":{"display_phone_number":15550783881,"phone_number_id":106540352242922},
             "contacts":[{"profile":"Sheena","wa_id":16505551234}],
             "messages":[{"from":16505551234,"id":"wamid.A","timestamp":1749416383,"type":"text","text":{"body":"Hi","extra":[1,{"a":2}]},
                          "context":"wamid.X","referral":[1],"errors":{"code":1}}],
             "statuses":"none",
             "errors":[{"code":"131047","title":"Re-engagement message","error_data":{"details":"window closed"}},{"code":true,"message":"odd"}]}}]}]}
            """)).ShouldHaveSingleItem();

        (change.PhoneNumberId, change.DisplayPhoneNumber).ShouldBe(("106540352242922", "15550783881"));
        change.Contacts.ShouldBe([new WhatsAppProfile("16505551234", null)]);
        var message = change.Messages.ShouldHaveSingleItem();
        (message.From, message.Timestamp, message.Text).ShouldBe(("16505551234", DateTimeOffset.FromUnixTimeSeconds(1749416383), "Hi"));
        message.ContextMessageId.ShouldBeNull();
        message.Referral.ShouldBeNull();
        message.Errors.ShouldBeEmpty();
        message.RawJson.ShouldContain("\"extra\":[1,{\"a\":2}]");
        change.Statuses.ShouldBeEmpty();
        change.Errors.ShouldBe([new WhatsAppError(131047, "Re-engagement message", "window closed"), new WhatsAppError(0, "odd", "odd")]);
    }

    [Fact]
    public void AMessage_IsWrittenWithMetasFieldNames_LeavingOutWhatItDoesNotHave()
    {
        var message = new WebhookMessage
        {
            From = "4917612345678", Id = "wamid.A", Timestamp = "1749416383", Type = "image",
            Context = new WebhookContext { From = "15550100", Id = "wamid.B" },
            Image = new WebhookMedia { Id = "9001", MimeType = "image/png", Sha256 = "ab12", Caption = "Blau" },
            Raw = "never written",
        };

        JsonSerializer.Serialize(message, WireJson.Default.WebhookMessage).ShouldBe(
            """{"from":"4917612345678","id":"wamid.A","timestamp":"1749416383","type":"image","context":{"from":"15550100","id":"wamid.B"},"image":{"id":"9001","mime_type":"image/png","sha256":"ab12","caption":"Blau"}}""");
    }

    [Fact]
    public void GraphAnswers_AreWrittenAndReadWithMetasFieldNames()
    {
        var sent = new GraphSendAnswer
        {
            MessagingProduct = "whatsapp",
            Contacts = [new GraphSendContact { Input = "491761234", WaId = "491761234" }],
            Messages = [new GraphSentMessage { Id = "wamid.C", MessageStatus = "accepted" }],
        };
        var error = """{"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,"error_subcode":2494010,"error_data":{"messaging_product":"whatsapp","details":"window closed"},"fbtrace_id":"Az8"}}""";

        JsonSerializer.Serialize(sent, WireJson.Default.GraphSendAnswer).ShouldBe(
            """{"messaging_product":"whatsapp","contacts":[{"input":"491761234","wa_id":"491761234"}],"messages":[{"id":"wamid.C","message_status":"accepted"}]}""");
        var read = JsonSerializer.Deserialize(error, WireJson.Default.GraphErrorAnswer)!.Error!;
        (read.Code, read.ErrorSubcode, read.ErrorData?.Details, read.FbtraceId).ShouldBe((131047, 2494010, "window closed", "Az8"));
        JsonSerializer.Serialize(JsonSerializer.Deserialize(error, WireJson.Default.GraphErrorAnswer), WireJson.Default.GraphErrorAnswer).ShouldBe(error);
    }
}
