using System.Text.Json.Nodes;
using BizInbox.Web.Features.Simulator;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>How the simulator's fake reads the app's Cloud API send requests into what the customer's phone shows.</summary>
public class SimulatorSendsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static SimulatedMessage? Read(string json, SimulatorStore? store = null) =>
        SimulatorSends.Read(JsonNode.Parse(json)!.AsObject(), store ?? new SimulatorStore(), SimulatorOptions.PhoneNumberId, Now);

    [Fact]
    public void List_ShowsItsRowsAsChoices_AndKeepsTheCallbackData()
    {
        var message = Read("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"+49 176 1234","biz_opaque_callback_data":"bizinbox:42",
             "type":"interactive","interactive":{"type":"list","body":{"text":"Which size?"},"action":{"button":"Sizes","sections":[
               {"title":"Sizes","rows":[{"id":"s","title":"Small","description":"26 inch"},{"id":"l","title":"Large"}]}]}}}
            """)!;

        (message.CustomerWaId, message.Sender, message.Type, message.Text, message.InteractiveKind, message.ListButton, message.CallbackData, message.Status)
            .ShouldBe(("491761234", SimulatedSender.Business, "interactive", "Which size?", "list", "Sizes", "bizinbox:42", SimulatedStatus.Pending));
        message.Options.ShouldBe([new SimulatedChoice("s", "Small", "26 inch"), new SimulatedChoice("l", "Large", null)]);
        message.Wamid.ShouldStartWith("wamid.");
    }

    [Fact]
    public void Template_IsShownWithItsParametersFilledIn_AndItsQuickReplies()
    {
        var message = Read("""
            {"messaging_product":"whatsapp","to":"491761234","type":"template","template":{"name":"order_ready","language":{"code":"en_US"},
             "components":[{"type":"body","parameters":[{"type":"text","text":"Kim"},{"type":"text","text":"#1042"}]}]}}
            """)!;

        message.Text.ShouldBe("Your order\nHi Kim, your order #1042 is ready for pickup.");
        message.InteractiveKind.ShouldBe("template");
        message.Options.Select(o => o.Title).ShouldBe(["On my way", "Tomorrow"]);
    }

    [Fact]
    public void Image_NamesTheUploadedFile()
    {
        var store = new SimulatorStore();
        var upload = store.AddMedia(SimulatorOptions.PhoneNumberId, [1, 2, 3], "image/png", "bike.png");

        var message = Read($$$"""{"messaging_product":"whatsapp","to":"491761234","type":"image","image":{"id":"{{{upload.Id}}}","caption":"Blue"}}""", store)!;

        (message.MediaId, message.MimeType, message.FileName, message.Text).ShouldBe((upload.Id, "image/png", "bike.png", "Blue"));
    }

    [Theory]
    [InlineData("""{"messaging_product":"whatsapp","type":"text","text":{"body":"Hi"}}""")]
    [InlineData("""{"messaging_product":"whatsapp","to":"491761234","type":"text","text":{"body":""}}""")]
    [InlineData("""{"messaging_product":"whatsapp","to":"491761234","type":"image"}""")]
    public void Incomplete_IsRefused(string json) => Read(json).ShouldBeNull();
}
