using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>
/// A customer who moves their WhatsApp account to another number stays one contact with one conversation: WhatsApp's
/// system notice (both its current and its older shape, sent without a <c>contacts</c> array) moves the contact.
/// </summary>
public sealed class WebhookNumberChangeTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private const string Current = """{"body":"Sheena changed their phone number to a new number {new}","wa_id":"{new}","type":"user_changed_number"}""";

    public static TheoryData<string> Shapes => new()
    {
        Current,
        """{"body":"User A changed from {old} to {new}","new_wa_id":"{new}","type":"customer_changed_number"}""",
    };

    private static string Notice(string shape, string oldId, string newId) => shape.Replace("{new}", newId).Replace("{old}", oldId);

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task TheContactMovesToTheNewNumber_KeepingOneConversation_WithAnActivityInsteadOfMetasText(string shape)
    {
        var oldId = WebhookApp.NewCustomer();
        var newId = WebhookApp.NewCustomer();
        await app.CustomerWritesAsync(oldId, "Hallo, hier Sheena");
        var before = await app.ConversationAsync(oldId);
        var notice = "wamid.CHANGE-" + oldId;

        await app.DeliverAsync(Inbound(oldId, null, Message(notice, oldId, "system", Notice(shape, oldId, newId))));
        await app.DeliverAsync(Inbound(newId, "Sheena Nelson", Text("wamid.NEW-" + newId, newId, "Neue Nummer, gleiche Sheena")));

        (await app.ContactsAsync(oldId)).ShouldBeEmpty();
        var contact = (await app.ContactsAsync(newId)).ShouldHaveSingleItem();
        (contact.WhatsAppId, contact.Phone, contact.Id).ShouldBe((newId, "+" + newId, before.ContactId));
        (await app.ConversationAsync(newId)).Id.ShouldBe(before.Id);
        var timeline = await app.TimelineAsync(newId);
        timeline.Where(m => m.Kind == MessageKind.Incoming).Select(m => m.Text).ShouldBe(["Hallo, hier Sheena", "Neue Nummer, gleiche Sheena"]);
        var activity = timeline.Single(m => m.Kind == MessageKind.Activity);
        (activity.Activity, activity.ActivityTarget, activity.ExternalId).ShouldBe((ActivityKind.CustomerNumberChanged, $"+{oldId} +{newId}", notice));
        timeline.ShouldNotContain(m => m.ContentType == MessageContentType.System);
    }

    [Fact]
    public async Task ARedeliveredNotice_IsRecordedOnce_AndCreatesNoContactForTheOldNumber()
    {
        var oldId = WebhookApp.NewCustomer();
        var newId = WebhookApp.NewCustomer();
        await app.CustomerWritesAsync(oldId);
        var body = Inbound(oldId, null, Message("wamid.TWICE-" + oldId, oldId, "system", Notice(Current, oldId, newId)));

        await app.DeliverAsync(body);
        await app.DeliverAsync(body);

        (await app.ContactsAsync(oldId)).ShouldBeEmpty();
        (await app.ContactsAsync(newId)).ShouldHaveSingleItem();
        (await app.TimelineAsync(newId)).Count(m => m.Activity == ActivityKind.CustomerNumberChanged).ShouldBe(1);
    }

    [Fact]
    public async Task ANoticeAboutSomeoneNeverSeen_StartsTheirContactOnTheNewNumber()
    {
        var oldId = WebhookApp.NewCustomer();
        var newId = WebhookApp.NewCustomer();

        await app.DeliverAsync(Inbound(oldId, null, Message("wamid.FIRST-" + oldId, oldId, "system", Notice(Current, oldId, newId))));

        var contact = (await app.ContactsAsync(newId)).ShouldHaveSingleItem();
        (contact.WhatsAppId, contact.Name).ShouldBe((newId, PhoneNumber.FromWhatsAppId(newId)!.International));
        (await app.TimelineAsync(newId)).ShouldHaveSingleItem().Activity.ShouldBe(ActivityKind.CustomerNumberChanged);
    }
}
