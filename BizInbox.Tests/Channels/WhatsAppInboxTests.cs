using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Tests.Features.Inbox;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;
using static BizInbox.Tests.Support.WhatsAppPayloads;
using BizInbox.Web.Channels;

namespace BizInbox.Tests.Channels;

/// <summary>
/// Base of the WhatsApp service tests: the app's services on a fresh database, a WhatsApp number connected to a fake
/// Graph API, and the steps most tests begin with (a customer writes, an agent replies). Nothing runs in the
/// background: tests drive the outbox with <see cref="ChannelJobWorker.RunDueAsync"/> and move the clock themselves.
/// </summary>
public abstract class WhatsAppInboxTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    /// <summary>The customer's WhatsApp id (wa_id).</summary>
    protected const string Customer = "4917612345678";

    protected FakeGraphApi Graph { get; private set; } = null!;

    protected AppUser Owner { get; private set; } = null!;

    /// <summary>The connected WhatsApp inbox.</summary>
    protected int InboxId { get; private set; }

    protected ChannelJobWorker Worker => Database.Get<ChannelJobWorker>();

    public override async Task InitializeAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        await base.InitializeAsync();
        Owner = await SetupOwnerAsync();
        InboxId = await ConnectAsync("WhatsApp", PhoneNumberId);
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await Graph.DisposeAsync();
        }
    }

    /// <summary>Connects another number (to the same fake Graph API) with its own inbox.</summary>
    protected Task<int> ConnectAsync(string inboxName, string phoneNumberId) =>
        Database.Get<WhatsAppConnections>().ConnectAsync(As(Owner), inboxName, new WhatsAppSettingsInput(
            phoneNumberId, BusinessAccountId, "+49 40 1234567", Graph.AccessToken, "meta-app-secret", "verify-token", Graph.Version, Graph.BaseUrl));

    /// <summary>The customer's WhatsApp message (Meta's JSON of one message) arrives now; returns its conversation and stored id.</summary>
    protected async Task<(long ConversationId, long MessageId)> ReceiveAsync(string messageJson, string from = Customer, int? inboxId = null)
    {
        var change = Parse(Inbound(from, "Sheena Nelson", messageJson));
        var result = await Database.Get<WhatsAppIngest>().IngestAsync(inboxId ?? InboxId, change);
        result.Stored.ShouldBe(1);
        var wamid = change.Messages.Single().Id;
        await using var db = Database.CreateDbContext();
        var stored = await db.Messages.AsNoTracking().SingleAsync(m => m.ExternalId == wamid && m.Kind == MessageKind.Incoming);
        return (stored.ConversationId, stored.Id);
    }

    /// <summary>The customer writes a text on WhatsApp now (which opens the 24-hour window).</summary>
    protected Task<(long ConversationId, long MessageId)> CustomerTextsAsync(string text = "Ist mein Rad fertig?", string from = Customer, int? inboxId = null) =>
        ReceiveAsync(Text("wamid.IN-" + Guid.NewGuid().ToString("N"), from, text, Clock.GetUtcNow()), from, inboxId);

    /// <summary>The owner sends <paramref name="draft"/>; returns the queued message's id.</summary>
    protected async Task<long> SendAsync(long conversationId, OutgoingDraft draft)
    {
        var outcome = await Conversations.ReplyAsync(As(Owner), conversationId, draft, NewKey(), await LatestMessageIdAsync(conversationId), sendAnyway: true);
        return outcome.MessageId.ShouldNotBeNull();
    }

    protected async Task<Message> MessageAsync(long id)
    {
        await using var db = Database.CreateDbContext();
        return await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    protected async Task<ChannelJob> JobAsync(long messageId, ChannelJobKind kind = ChannelJobKind.SendMessage)
    {
        await using var db = Database.CreateDbContext();
        return await db.ChannelJobs.AsNoTracking().SingleAsync(j => j.MessageId == messageId && j.Kind == kind);
    }

    protected async Task<List<ChannelJob>> JobsAsync(long messageId)
    {
        await using var db = Database.CreateDbContext();
        return await db.ChannelJobs.AsNoTracking().Where(j => j.MessageId == messageId).ToListAsync();
    }

    /// <summary>A template of <paramref name="inboxId"/>'s business account, as a sync from Meta stores it.</summary>
    protected async Task<int> AddTemplateAsync(string name, string body, string status = "APPROVED", string language = "de", int? inboxId = null)
    {
        await using var db = Database.CreateDbContext();
        var template = MessageTemplate.Create(inboxId ?? InboxId, name, language, TemplateCategory.Utility, status, body, Clock.GetUtcNow());
        db.MessageTemplates.Add(template);
        await db.SaveChangesAsync();
        return template.Id;
    }

    /// <summary>The bytes of a PNG (its signature, which is what the checks look at, and some content).</summary>
    protected static byte[] Png(int size = 64) =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, size - 8).Select(i => (byte)(i * 7))];

    /// <summary>The bytes of a PDF.</summary>
    protected static byte[] Pdf(int size = 64) =>
        [.. "%PDF-1.7\n"u8, .. Enumerable.Range(0, size - 9).Select(i => (byte)('a' + (i % 26)))];

    /// <summary>The bytes of a JPEG.</summary>
    protected static byte[] Jpeg(int size = 64) =>
        [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Range(0, size - 4).Select(i => (byte)(i * 3))];

    /// <summary>The bytes of an Ogg file whose first packet is an Opus header: what WhatsApp plays as a voice message.</summary>
    protected static byte[] OggOpus(int size = 64) =>
        [.. "OggS"u8, 0, 2, .. new byte[20], 1, 19, .. "OpusHead"u8, .. Enumerable.Range(0, size - 36).Select(i => (byte)i)];

    /// <summary>The bytes of an MP4 file (its "ftyp" box first).</summary>
    protected static byte[] Mp4(int size = 64) =>
        [0, 0, 0, 0x18, .. "ftypisom"u8, .. Enumerable.Range(0, size - 12).Select(i => (byte)i)];

    /// <summary>The bytes of a WebP sticker.</summary>
    protected static byte[] WebP(int size = 64) =>
        [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. Enumerable.Range(0, size - 12).Select(i => (byte)i)];
}
