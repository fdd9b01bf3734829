using BizInbox.Domain.Contacts;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;

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
