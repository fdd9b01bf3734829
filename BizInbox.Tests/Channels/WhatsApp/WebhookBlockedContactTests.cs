using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>A blocked customer writing through the real webhook and its group-commit writer.</summary>
public sealed class WebhookBlockedContactTests : IAsyncLifetime, IDisposable
{
    private readonly WebhookApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ABlockedCustomersMessages_AreStored_InAConversationThatStartsResolved_WithNothingUnread()
    {
        var spammer = WebhookApp.NewCustomer();
        await using (var db = _app.CreateDbContext())
        {
            var contact = Contact.FromWhatsApp(spammer, "Spam Bot", DateTimeOffset.UtcNow);
            contact.ReportSpam(new TeamMember(_app.Owner.Id, "Olga Owner"), DateTimeOffset.UtcNow);
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
        }

        string Text(string body) => WhatsAppPayloads.Text("wamid.in-" + Guid.NewGuid().ToString("N"), spammer, body);
        await _app.DeliverAsync(WhatsAppPayloads.Inbound(spammer, "Spam Bot", Text("Cheap followers"), Text("Click here")));

        var timeline = await _app.TimelineAsync(spammer);
        timeline.Select(m => (m.Kind, m.Text)).ShouldBe([(MessageKind.Incoming, "Cheap followers"), (MessageKind.Incoming, "Click here")]);
        await using var check = _app.CreateDbContext();
        var conversation = await check.Conversations.AsNoTracking().SingleAsync(c => c.Id == timeline[0].ConversationId);
        (conversation.Status, conversation.LastCustomerMessageAt, conversation.WaitingSince).ShouldBe((ConversationStatus.Resolved, null, null));
    }
}
