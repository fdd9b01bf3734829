using BizInbox.Web.Identity;
using System.Text;
using BizInbox.Domain.Profiles;
using BizInbox.Tests.Support;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Features.Profiles;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>Meta's <c>phone_number_name_update</c> webhook: read apart from messages, and followed by the name review.</summary>
public sealed class WebhookNameUpdateTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private static string Body(string messagesValue) => $$"""
        {"object":"whatsapp_business_account","entry":[{"id":"{{WhatsAppPayloads.BusinessAccountId}}","time":1739321024,"changes":[
          {"value":{"display_phone_number":"49401234567","decision":"REJECTED","requested_verified_name":"Best Bread","rejection_reason":"NAME_NOT_CONSISTENT"},"field":"phone_number_name_update"},
          {"value":{{messagesValue}},"field":"messages"}]}]}
        """;

    [Fact]
    public void Parse_ReadsTheDecisionApartFromTheMessages()
    {
        var value = """{"messaging_product":"whatsapp","metadata":{"display_phone_number":"494012345670","phone_number_id":"106540352242922"},"statuses":[]}""";

        var notifications = WebhookPayload.ParseNotifications(Encoding.UTF8.GetBytes(Body(value)));

        notifications.Changes.ShouldHaveSingleItem().PhoneNumberId.ShouldBe("106540352242922");
        notifications.NameUpdates.ShouldHaveSingleItem().ShouldBe(
            new WhatsAppNameUpdate(WhatsAppPayloads.BusinessAccountId, "49401234567", new DisplayNameDecision("REJECTED", "Best Bread", "NAME_NOT_CONSISTENT")));
    }

    [Fact]
    public async Task Webhook_WithADeclineAndAMessage_StoresTheMessageAndDeclinesTheOpenRequest()
    {
        var owner = app.Service<IServiceProvider>().MemberFor(app.Owner.Id);
        var profiles = app.Service<ProfileService>();
        await profiles.SaveAsync(owner, new BusinessSettings("Europe/Berlin", "DE", "de"), new ProfileFields("schmidt", "", "", "", "", "", []));
        await profiles.RequestNameAsync(owner, "Best Bread");
        var customer = WebhookApp.NewCustomer();
        var message = WhatsAppPayloads.Inbound(customer, "Sheena", WhatsAppPayloads.Text("wamid.name-update-1", customer, "Hallo"));
        var messagesValue = System.Text.Json.JsonDocument.Parse(message).RootElement.GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value").GetRawText();

        await app.DeliverAsync(Body(messagesValue));

        var state = await profiles.GetAsync(owner);
        (state.NameStatus, state.DeclineReason).ShouldBe((NameReviewStatus.Declined, "NAME_NOT_CONSISTENT"));
        await using var db = app.CreateDbContext();
        (await db.Messages.CountAsync(m => m.ClientMessageId == "wamid.name-update-1")).ShouldBe(1);
    }
}
