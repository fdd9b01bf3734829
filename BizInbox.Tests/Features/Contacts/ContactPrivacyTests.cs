using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BizInbox.Domain.Audit;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Channels;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Contacts;
using BizInbox.Web.Features.Contacts.Privacy;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Features.Contacts;

/// <summary>A contact's data export (GDPR Art. 15/20) and erasure (Art. 17), through the real services.</summary>
public abstract class ContactPrivacyTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    // What the customer is and wrote: none of it may survive an erasure anywhere in the database.
    private const string CustomerName = "Sheena Nelson";
    private const string CustomerText = "Ist mein Rad fertig? Rahmennummer WX-4711";
    private const string ReplyText = "Ja, Ihr Rad steht ab 17 Uhr bereit";
    private const string NoteText = "Zahlt immer bar, Stammkundin";
    private const string AttributeText = "Gazelle Ultimate C380";
    private static readonly string[] Traces = [CustomerName, "sheena", Customer, "17612345678", "WX-4711", "17 Uhr", "bar, Stammkundin", "Gazelle", "rad.png", "sheena@example.com"];

    private ContactService Contacts => Database.Get<ContactService>();

    private ContactErasureService Erasure => Database.Get<ContactErasureService>();

    private MediaStore Media => Database.Get<MediaStore>();

    /// <summary>A customer with one of everything: a conversation both ways, a note, a label, an attribute, consent, a picture.</summary>
    private async Task<(Guid ContactId, long ConversationId, MediaFile File)> CustomerWithEverythingAsync()
    {
        var (conversationId, _) = await CustomerTextsAsync(CustomerText);
        var contactId = (await ConversationAsync(conversationId)).ContactId;
        await AgentRepliesAsync(Owner, conversationId, ReplyText);
        await Conversations.AddNoteAsync(As(Owner), conversationId, "Sheena fragt nach WX-4711", NewKey());
        await Contacts.UpdateAsync(As(Owner), contactId, new ContactInput(CustomerName, "sheena@example.com", "+" + Customer, "Radhaus Nelson", "de"));
        await Contacts.AddNoteAsync(As(Owner), contactId, NoteText);
        var vip = await AddLabelAsync("VIP");
        await Contacts.AddLabelAsync(As(Owner), contactId, vip.Id);
        await Contacts.GrantConsentAsync(As(Owner), contactId, ConsentSource.Written, Clock.GetUtcNow().AddDays(-1));
        var attributes = Database.Get<ContactAttributeService>();
        var bike = await attributes.CreateAsync(As(Owner), new AttributeInput("bike", "Bike", AttributeType.Text, null, []));
        (await attributes.SaveValuesAsync(As(Owner), contactId, new Dictionary<int, string?> { [bike] = AttributeText }, CultureInfo.InvariantCulture)).ShouldBeEmpty();
        var file = await Media.SaveAsync(conversationId, Png(), "image/png", "rad.png");
        await Conversations.ResolveAsync(As(Owner), conversationId);
        return (contactId, conversationId, file);
    }

    private async Task<JsonElement> ExportAsync(Guid contactId, Dictionary<string, byte[]>? entries = null)
    {
        using var zipped = new MemoryStream();
        await Database.Get<ContactDataExport>().WriteAsync(As(Owner), contactId, zipped);
        zipped.Position = 0;
        using var zip = new ZipArchive(zipped, ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var bytes = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(bytes);
            }

            if (entries is not null)
            {
                entries[entry.FullName] = bytes.ToArray();
            }
        }

        using var json = zip.GetEntry("contact.json")!.Open();
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>Every row of every table that can hold a contact's data, as text.</summary>
    private async Task<Dictionary<string, string>> EverythingStoredAsync()
    {
        await using var db = Database.CreateDbContext();
        var options = new JsonSerializerOptions { ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles };
        string All<T>(IEnumerable<T> rows) => JsonSerializer.Serialize(rows, options);
        return new()
        {
            ["Contacts"] = All(await db.Contacts.AsNoTracking().ToListAsync()),
            ["ContactNotes"] = All(await db.ContactNotes.AsNoTracking().ToListAsync()),
            ["ContactActivities"] = All(await db.ContactActivities.AsNoTracking().ToListAsync()),
            ["ContactAttributeValues"] = All(await db.ContactAttributeValues.AsNoTracking().ToListAsync()),
            ["ContactMerges"] = All(await db.ContactMerges.AsNoTracking().ToListAsync()),
            ["Conversations"] = All(await db.Conversations.AsNoTracking().Select(c => new { c.Id, c.LastMessagePreview }).ToListAsync()),
            ["Messages"] = All(await db.Messages.AsNoTracking().Select(m => new { m.Text, m.Content, m.ActivityTarget, m.CustomerReaction, m.DeliveryError, m.SenderName }).ToListAsync()),
            ["Mentions"] = All(await db.Mentions.AsNoTracking().ToListAsync()),
            ["Drafts"] = All(await db.Drafts.AsNoTracking().ToListAsync()),
            ["MediaFiles"] = All(await db.MediaFiles.AsNoTracking().ToListAsync()),
            ["SearchDocuments"] = All(await db.SearchDocuments.AsNoTracking().Select(d => d.Text).ToListAsync()),
            ["AuditEntries"] = All(await db.AuditEntries.AsNoTracking().ToListAsync()),
        };
    }

    [Fact]
    public async Task TheExport_HoldsTheRecord_Numbers_Labels_Attributes_Consent_Notes_EveryMessage_AndTheMediaFiles()
    {
        var (contactId, conversationId, file) = await CustomerWithEverythingAsync();
        var entries = new Dictionary<string, byte[]>();

        var export = await ExportAsync(contactId, entries);

        var contact = export.GetProperty("contact");
        contact.GetProperty("name").GetString().ShouldBe(CustomerName);
        contact.GetProperty("email").GetString().ShouldBe("sheena@example.com");
        contact.GetProperty("company").GetString().ShouldBe("Radhaus Nelson");
        var phone = export.GetProperty("phoneNumbers").EnumerateArray().ShouldHaveSingleItem();
        (phone.GetProperty("e164").GetString(), phone.GetProperty("whatsAppId").GetString()).ShouldBe(("+" + Customer, Customer));
        export.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["VIP"]);
        export.GetProperty("attributes").EnumerateArray().ShouldHaveSingleItem().GetProperty("value").GetString().ShouldBe(AttributeText);
        var consent = export.GetProperty("consent");
        consent.GetProperty("hasConsent").GetBoolean().ShouldBeTrue();
        consent.GetProperty("source").GetString().ShouldBe(nameof(ConsentSource.Written));
        consent.GetProperty("history").EnumerateArray().ShouldHaveSingleItem().GetProperty("kind").GetString().ShouldBe(nameof(ContactActivityKind.ConsentGranted));
        export.GetProperty("notes").EnumerateArray().ShouldHaveSingleItem().GetProperty("text").GetString().ShouldBe(NoteText);
        var conversation = export.GetProperty("conversations").EnumerateArray().ShouldHaveSingleItem();
        conversation.GetProperty("id").GetInt64().ShouldBe(conversationId);
        conversation.GetProperty("status").GetString().ShouldBe(nameof(ConversationStatus.Resolved));
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        messages.ShouldContain(m => m.GetProperty("direction").GetString() == "incoming" && m.GetProperty("text").GetString() == CustomerText
            && m.GetProperty("author").GetString() == CustomerName);
        messages.ShouldContain(m => m.GetProperty("direction").GetString() == "outgoing" && m.GetProperty("text").GetString() == ReplyText
            && m.GetProperty("author").GetString() == Owner.DisplayName && m.GetProperty("status").GetString() != "");
        messages.ShouldContain(m => m.GetProperty("direction").GetString() == "internal note");
        var listed = export.GetProperty("mediaFiles").EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("fileName").GetString().ShouldBe("rad.png");
        entries[listed.GetProperty("pathInZip").GetString()!].ShouldBe(await Media.ReadAllAsync(file));
        Encoding.UTF8.GetString(entries["messages.csv"]).ShouldContain(CustomerText);
        await using var db = Database.CreateDbContext();
        (await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.ContactExported).ToListAsync())
            .ShouldHaveSingleItem().Target.ShouldBe(contactId.ToString());
    }

    [Fact]
    public async Task Erasure_LeavesNoTraceOfTheCustomer_InAnyTable_NorTheirFilesOnDisk()
    {
        var (contactId, conversationId, file) = await CustomerWithEverythingAsync();
        await AddMemberAsync(Owner, TeamRole.Agent, "mia@example.com", "Mia Agent");
        await Conversations.AddNoteAsync(As(Owner), conversationId, "@Mia Agent bitte Sheena wegen WX-4711 anrufen", NewKey());
        await Database.Get<BizInbox.Web.Features.Inbox.DraftService>().SaveAsync(As(Owner), conversationId, "Liebe Sheena, WX-4711 ist fertig", DraftMode.Reply);
        var before = await EverythingStoredAsync();
        before["Messages"].ShouldContain("WX-4711");
        before["SearchDocuments"].ShouldContain("wx");
        before["Mentions"].ShouldContain("WX-4711");
        before["Drafts"].ShouldContain("WX-4711");

        await Erasure.EraseAsync(As(Owner), contactId, "  sheena nelson ");

        foreach (var (table, rows) in await EverythingStoredAsync())
        {
            foreach (var trace in Traces)
            {
                rows.ShouldNotContain(trace, Case.Insensitive, $"{table} still holds \"{trace}\"");
            }
        }

        Media.Exists(file).ShouldBeFalse();
        await using var db = Database.CreateDbContext();
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Labels).SingleAsync(c => c.Id == contactId);
        (contact.Name, contact.Phone, contact.WhatsAppId, contact.HasConsent, contact.Labels.Count).ShouldBe((Contact.ErasedName, null, null, false, 0));
        (await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Kind != MessageKind.Activity).Select(m => m.Text).ToListAsync())
            .ShouldAllBe(text => text == Message.ErasedText);
        (await db.SearchDocuments.AsNoTracking().CountAsync(d => d.ContactId == contactId || d.ConversationId == conversationId)).ShouldBe(0);
        var entry = (await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.ContactErased).ToListAsync()).ShouldHaveSingleItem();
        (entry.Target, entry.ActorId).ShouldBe((contactId.ToString(), Owner.Id));
    }

    [Fact]
    public async Task Erasure_KeepsTheConversation_AndItsReportFacts_AsTheyWere()
    {
        var (contactId, conversationId, _) = await CustomerWithEverythingAsync();
        await using var db = Database.CreateDbContext();
        var facts = JsonSerializer.Serialize(await db.ReportFacts.AsNoTracking().OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.Kind, f.ConversationId, f.InboxId, f.AgentId, f.AtTicks, f.Seconds, f.BusinessSeconds }).ToListAsync());
        var conversation = await ConversationAsync(conversationId);
        var messages = await db.Messages.CountAsync(m => m.ConversationId == conversationId);

        await Erasure.EraseAsync(As(Owner), contactId, CustomerName);

        JsonSerializer.Serialize(await db.ReportFacts.AsNoTracking().OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.Kind, f.ConversationId, f.InboxId, f.AgentId, f.AtTicks, f.Seconds, f.BusinessSeconds }).ToListAsync()).ShouldBe(facts);
        facts.ShouldNotBe("[]");
        var after = await ConversationAsync(conversationId);
        (after.ContactId, after.Status, after.CreatedAt, after.FirstReplyAt, after.ResolvedAt, after.AssigneeId)
            .ShouldBe((contactId, conversation.Status, conversation.CreatedAt, conversation.FirstReplyAt, conversation.ResolvedAt, conversation.AssigneeId));
        (await db.Messages.CountAsync(m => m.ConversationId == conversationId)).ShouldBe(messages);
    }

    [Fact]
    public async Task AfterErasure_AMessageFromTheSameNumber_StartsAFreshContact()
    {
        var (contactId, conversationId, _) = await CustomerWithEverythingAsync();
        await Erasure.EraseAsync(As(Owner), contactId, CustomerName);

        var (again, _) = await CustomerTextsAsync("Hallo, ich bin es wieder");

        again.ShouldNotBe(conversationId);
        var fresh = await ConversationAsync(again);
        fresh.ContactId.ShouldNotBe(contactId);
        var record = await Contacts.GetAsync(As(Owner), fresh.ContactId);
        (record.Name, record.Phone).ShouldBe((CustomerName, "+" + Customer));
        (await Contacts.NotesAsync(As(Owner), fresh.ContactId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Erasure_TellsOpenInboxesAndConversations()
    {
        var (contactId, conversationId, _) = await CustomerWithEverythingAsync();
        var heard = new List<InboxChange>();
        using var _ = Bus.Subscribe(Topics.Conversation(conversationId), c => { lock (heard) { heard.Add(c); } return Task.CompletedTask; });

        await Erasure.EraseAsync(As(Owner), contactId, CustomerName);

        heard.ShouldContain(c => c.Kind == ChangeKind.ConversationRewritten && c.ConversationId == conversationId);
    }

    [Fact]
    public async Task AnAgent_MayNeitherEraseNorExport_AndAWrongConfirmationErasesNothing()
    {
        var (contactId, _, _) = await CustomerWithEverythingAsync();
        var agent = await AddMemberAsync(Owner, TeamRole.Agent, "agent@example.com");

        await ShouldFailWithAsync("contact.erase_not_allowed", () => Erasure.EraseAsync(As(agent), contactId, CustomerName));
        await ShouldFailWithAsync("contact.transfer_not_allowed", () => Database.Get<ContactDataExport>().WriteAsync(As(agent), contactId, Stream.Null));
        await ShouldFailWithAsync("contact.erase_unconfirmed", () => Erasure.EraseAsync(As(Owner), contactId, "Sheena"));

        (await Contacts.GetAsync(As(Owner), contactId)).Name.ShouldBe(CustomerName);
        (await Contacts.NotesAsync(As(Owner), contactId)).ShouldHaveSingleItem();
    }
}

public sealed class SqliteContactPrivacyTests() : ContactPrivacyTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresContactPrivacyTests(PostgresServer postgres) : ContactPrivacyTests(DatabaseProvider.Postgres, postgres);
