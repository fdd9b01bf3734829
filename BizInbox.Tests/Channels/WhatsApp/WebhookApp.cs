using System.Net;
using System.Text;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Http;
using BizInbox.Tests.Support;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>
/// The real app with a connected WhatsApp number, shared by the tests of one class (each test uses its own customer
/// numbers). The connection points at a fake Graph API, so the app's own outbox worker never reaches for the internet.
/// </summary>
public sealed class WebhookApp : IAsyncLifetime, IDisposable
{
    public const string AppSecret = "meta-app-secret";

    private static int _lastCustomer;

    private readonly AppFactory _app = new();

    public FakeGraphApi Graph { get; private set; } = null!;

    public int InboxId { get; private set; }

    public AppUser Owner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        Owner = await _app.CompleteSetupAsync();
        var actor = _app.Services.MemberFor(Owner.Id);
        InboxId = await _app.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(actor, "WhatsApp",
            new WhatsAppSettingsInput(WhatsAppPayloads.PhoneNumberId, WhatsAppPayloads.BusinessAccountId, "+49 40 1234567", Graph.AccessToken,
                AppSecret, "my-verify-token", Graph.Version, Graph.BaseUrl));
    }

    public async Task DisposeAsync() => await Graph.DisposeAsync();

    public void Dispose() => _app.Dispose();

    /// <summary>A customer number no other test of this process uses (German mobile, wa_id form).</summary>
    public static string NewCustomer() => "49176" + Interlocked.Increment(ref _lastCustomer).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Posts <paramref name="json"/> as Meta does: signed with the app secret unless another signature (or none) is given.</summary>
    public Task<HttpResponseMessage> PostAsync(string json, string? signature = "sign") => PostAsync(Encoding.UTF8.GetBytes(json), signature);

    public Task<HttpResponseMessage> PostAsync(byte[] body, string? signature = "sign", bool chunked = false)
    {
        HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppWebhookEndpoints.Path) { Content = content };
        if (signature is not null)
        {
            request.Headers.Add(WebhookSignature.HeaderName, signature == "sign" ? WebhookSignature.Sign(body, AppSecret) : signature);
        }

        return _app.CreateBrowserLikeClient().SendAsync(request);
    }

    /// <summary>Posts and checks that Meta would get 200.</summary>
    public async Task DeliverAsync(string json)
    {
        var response = await PostAsync(json);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public BizInboxDbContext CreateDbContext() => _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContext();

    /// <summary>The contacts whose number is the one behind WhatsApp id <paramref name="waId"/> (any of its wa_id forms).</summary>
    public async Task<List<Contact>> ContactsAsync(string waId)
    {
        var number = PhoneNumber.FromWhatsAppId(waId)!.E164;
        await using var db = CreateDbContext();
        return await db.Contacts.AsNoTracking().Where(c => c.Phone == number).ToListAsync();
    }

    /// <summary>Every entry of the customer's conversations in the WhatsApp inbox, oldest first.</summary>
    public async Task<List<Message>> TimelineAsync(string waId)
    {
        var number = PhoneNumber.FromWhatsAppId(waId)!.E164;
        await using var db = CreateDbContext();
        return await (from m in db.Messages.AsNoTracking()
                      join c in db.Conversations on m.ConversationId equals c.Id
                      join contact in db.Contacts on c.ContactId equals contact.Id
                      where c.InboxId == InboxId && contact.Phone == number
                      orderby m.Id
                      select m).ToListAsync();
    }

    /// <summary>The customer's conversation in the WhatsApp inbox.</summary>
    public async Task<Conversation> ConversationAsync(string waId)
    {
        var number = PhoneNumber.FromWhatsAppId(waId)!.E164;
        await using var db = CreateDbContext();
        return await (from c in db.Conversations.AsNoTracking()
                      join contact in db.Contacts on c.ContactId equals contact.Id
                      where c.InboxId == InboxId && contact.Phone == number
                      select c).SingleAsync();
    }

    /// <summary>The customer's messages (no activities), oldest first.</summary>
    public async Task<List<Message>> IncomingAsync(string waId) =>
        (await TimelineAsync(waId)).Where(m => m.Kind == MessageKind.Incoming).ToList();

    public async Task<Message> MessageAsync(long id)
    {
        await using var db = CreateDbContext();
        return await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public async Task<List<ChannelJob>> JobsAsync(long messageId)
    {
        await using var db = CreateDbContext();
        return await db.ChannelJobs.AsNoTracking().Where(j => j.MessageId == messageId).ToListAsync();
    }

    /// <summary>The customer writes a text (so that their conversation exists).</summary>
    public Task CustomerWritesAsync(string waId, string text = "Hallo") =>
        DeliverAsync(WhatsAppPayloads.Inbound(waId, "Sheena Nelson", WhatsAppPayloads.Text("wamid.in-" + Guid.NewGuid().ToString("N"), waId, text)));

    /// <summary>
    /// An agent's reply in the customer's conversation, as it stands after the outbox handed it to WhatsApp:
    /// queued, then named (<paramref name="wamid"/>) and in the state <paramref name="delivery"/> (Queued, Sent or Unconfirmed).
    /// </summary>
    public async Task<long> AgentMessageAsync(string waId, string? wamid, DeliveryStatus delivery, string text = "Ihr Rad ist fertig.")
    {
        var number = PhoneNumber.FromWhatsAppId(waId)!.E164;
        await using var db = CreateDbContext();
        var conversation = await (from c in db.Conversations
                                  join contact in db.Contacts on c.ContactId equals contact.Id
                                  where c.InboxId == InboxId && contact.Phone == number
                                  select c).SingleAsync();
        var message = conversation.Reply(new TeamMember(Owner.Id, "Olga Owner"), text, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, queued: true);
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        switch (delivery)
        {
            case DeliveryStatus.Sent:
                message.Accepted(wamid!);
                break;
            case DeliveryStatus.Unconfirmed:
                message.SendUnconfirmed("No answer.");
                break;
        }

        if (wamid is not null && delivery != DeliveryStatus.Sent)
        {
            message.Identified(wamid);
        }

        await db.SaveChangesAsync();
        return message.Id;
    }

    /// <summary>A body whose length is not known in advance (sent chunked, without Content-Length).</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
