using BizInbox.Domain.Contacts;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>
/// One person is one contact whatever form of their number WhatsApp reports (Mexico's 521/52, Brazil's 8/9-digit
/// mobiles), and replies go to the wa_id Meta reported last.
/// </summary>
public abstract class WhatsAppContactTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    private async Task<List<Contact>> ContactsAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Contacts.AsNoTracking().Where(c => c.WhatsAppId != null).ToListAsync();
    }

    private async Task<string?> ReplyGoesToAsync(long conversationId)
    {
        await SendAsync(conversationId, new TextDraft("Gern!"));
        await Worker.RunDueAsync();
        return Graph.Sends[^1].Json.GetProperty("to").GetString();
    }

    [Theory]
    [InlineData("5215512345678", "525512345678", "+525512345678")] // Mexico: the old mobile 1, then without
    [InlineData("525512345678", "5215512345678", "+525512345678")]
    [InlineData("551187654321", "5511987654321", "+5511987654321")] // Brazil: before and with the ninth digit
    public async Task SamePerson_UnderTwoWaIds_IsOneContact_InOneConversation_AndRepliesGoToTheNewestId(string first, string second, string e164)
    {
        var (conversationId, _) = await CustomerTextsAsync("Hola", from: first);
        (await CustomerTextsAsync("¿Sigue abierto?", from: second)).ConversationId.ShouldBe(conversationId);

        var contact = (await ContactsAsync()).ShouldHaveSingleItem();
        (contact.Phone, contact.WhatsAppId).ShouldBe((e164, second));
        (await ReplyGoesToAsync(conversationId)).ShouldBe(second);
    }

    [Fact]
    public async Task TwoFirstMessagesAtOnce_FromANewCustomer_MakeOneContact_InOneConversation_WithBothMessages()
    {
        var ingest = Database.Get<WhatsAppIngest>();
        var customers = Enumerable.Range(0, 8).Select(i => $"49176555000{i:D2}").ToList();

        // Each new customer's first two messages arrive in two webhooks at the same moment.
        var races = customers.Select(from => AtOnceAsync(
            () => ingest.IngestAsync(InboxId, Parse(Inbound(from, "Neu", Text($"wamid.A-{from}", from, "Hallo", Clock.GetUtcNow())))),
            () => ingest.IngestAsync(InboxId, Parse(Inbound(from, "Neu", Text($"wamid.B-{from}", from, "Noch eine Frage", Clock.GetUtcNow()))))));
        (await Task.WhenAll(races)).SelectMany(r => r).ShouldAllBe(r => r.Stored == 1 && r.Duplicates == 0);

        await using var db = Database.CreateDbContext();
        foreach (var from in customers)
        {
            var contact = (await db.Contacts.AsNoTracking().Where(c => c.WhatsAppId == from).ToListAsync()).ShouldHaveSingleItem();
            var conversation = (await db.Conversations.AsNoTracking().Where(c => c.ContactId == contact.Id).ToListAsync()).ShouldHaveSingleItem();
            (await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Id && m.Kind == BizInbox.Domain.Conversations.MessageKind.Incoming)
                .Select(m => m.ClientMessageId).OrderBy(id => id).ToListAsync()).ShouldBe([$"wamid.A-{from}", $"wamid.B-{from}"]);
        }
    }

    [Fact]
    public async Task ArgentineMobile_KeepsItsNine_InTheNumberAndInReplies()
    {
        var (conversationId, _) = await CustomerTextsAsync("Hola", from: "5491123456789");

        var contact = (await ContactsAsync()).ShouldHaveSingleItem();
        (contact.Phone, contact.WhatsAppId).ShouldBe(("+5491123456789", "5491123456789"));
        (await ReplyGoesToAsync(conversationId)).ShouldBe("5491123456789");
    }

    [Fact]
    public async Task ANumberOnlyTypedIntoAContact_IsNotTakenAsTheWhatsAppCustomersIdentity()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Contacts.Add(Contact.Create("Someone typed this", null, "+49 176 12345678", Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await CustomerTextsAsync(from: Customer);

        await using var check = Database.CreateDbContext();
        var contacts = await check.Contacts.AsNoTracking().Where(c => c.Phone == "+4917612345678").OrderBy(c => c.WhatsAppId != null).ToListAsync();
        contacts.Select(c => (c.Name, c.WhatsAppId)).ShouldBe([("Someone typed this", (string?)null), ("Sheena Nelson", Customer)]);
    }
}

public sealed class SqliteWhatsAppContactTests() : WhatsAppContactTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresWhatsAppContactTests(PostgresServer postgres) : WhatsAppContactTests(DatabaseProvider.Postgres, postgres);
