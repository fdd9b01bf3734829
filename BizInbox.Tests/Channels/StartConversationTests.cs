using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Features.Contacts;

namespace BizInbox.Tests.Channels;

/// <summary>
/// An agent writes first on WhatsApp: to a contact or a typed number, with an approved template (the one message WhatsApp
/// lets a business send outside the customer's 24-hour window), continuing the customer's conversation where one exists.
/// </summary>
public abstract class StartConversationTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    private async Task<TemplateDraft> TemplateAsync() =>
        new(await AddTemplateAsync("termin_erinnerung", "Hallo {{1}}, Ihr Termin ist morgen."), ["Anna"]);

    private Task<long> StartAsync(Recipient to, TemplateDraft template, string? key = null) =>
        Conversations.StartWhatsAppAsync(As(Owner), InboxId, to, template, key ?? NewKey());

    private async Task<Contact> ContactAsync(Func<Contact, bool> which)
    {
        await using var db = Database.CreateDbContext();
        return (await db.Contacts.AsNoTracking().ToListAsync()).Single(which);
    }

    private async Task<Guid> AddContactAsync(string name, string? phone)
    {
        await using var db = Database.CreateDbContext();
        var contact = Contact.Create(name, null, phone, Clock.GetUtcNow());
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact.Id;
    }

    [Fact]
    public async Task ToATypedNationalNumber_ItIsReadInTheBusinessesCountry_BecomesAContact_AndTheTemplateLeaves()
    {
        var conversationId = await StartAsync(new Recipient(null, "0171 2345678", "0171 2345678"), await TemplateAsync());

        var contact = await ContactAsync(c => c.Phone == "+491712345678");
        contact.WhatsAppId.ShouldBe("491712345678");
        var conversation = await ConversationAsync(conversationId);
        (conversation.ContactId, conversation.Status, conversation.AssigneeId).ShouldBe((contact.Id, ConversationStatus.Open, Owner.Id));
        var sent = (await TimelineAsync(conversationId)).Single(m => m.Kind == MessageKind.Outgoing);
        (sent.ContentType, sent.Text, sent.Delivery).ShouldBe((MessageContentType.Template, "Hallo Anna, Ihr Termin ist morgen.", DeliveryStatus.Queued));

        await Worker.RunDueAsync();

        var body = Graph.Sends.ShouldHaveSingleItem().Json;
        (body.GetProperty("to").GetString(), body.GetProperty("type").GetString()).ShouldBe(("491712345678", "template"));
        (await MessageAsync(sent.Id)).Delivery.ShouldBe(DeliveryStatus.Sent);
    }

    [Fact]
    public async Task ToAKnownCustomersNumber_ContinuesTheirResolvedConversation_ReopeningIt()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        await Conversations.ResolveAsync(As(Owner), conversationId);
        Clock.Advance(TimeSpan.FromDays(3));

        var started = await StartAsync(new Recipient(null, "+49 176 12345678", "+49 176 12345678"), await TemplateAsync());

        started.ShouldBe(conversationId);
        (await ConversationAsync(conversationId)).Status.ShouldBe(ConversationStatus.Open);
        (await ActivitiesAsync(conversationId)).Select(a => a.Kind).ShouldContain(ActivityKind.Reopened);
        await using var db = Database.CreateDbContext();
        (await db.Contacts.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task ToAContactWithOnlyAPhoneNumber_TheNumberBecomesTheirWhatsAppId()
    {
        var anna = await AddContactAsync("Anna Becker", "+49 151 12345678");

        var conversationId = await StartAsync(new Recipient(anna, "Anna Becker", null), await TemplateAsync());

        (await ContactAsync(c => c.Id == anna)).WhatsAppId.ShouldBe("4915112345678");
        (await ConversationAsync(conversationId)).ContactId.ShouldBe(anna);
    }

    [Fact]
    public async Task TheSameSend_RepeatedAfterALostAnswer_GoesOnce()
    {
        var template = await TemplateAsync();
        var to = new Recipient(null, "+49 171 2345678", "+49 171 2345678");
        var key = NewKey();

        var first = await StartAsync(to, template, key);
        var again = await StartAsync(to, template, key);

        again.ShouldBe(first);
        (await TimelineAsync(first)).Count(m => m.Kind == MessageKind.Outgoing).ShouldBe(1);
    }

    [Fact]
    public async Task WhatWhatsAppWouldRefuse_IsRefused_AndNothingIsStored()
    {
        var template = await TemplateAsync();
        var pending = new TemplateDraft(await AddTemplateAsync("in_pruefung", "Hallo {{1}}", status: "PENDING"), ["Anna"]);
        var noPhone = await AddContactAsync("Ohne Nummer", null);
        await CustomerTextsAsync();
        var twin = await AddContactAsync("Sheena (doppelt)", "+49 176 12345678");
        var webChat = await SetupInboxAsync();

        await ShouldFailWithAsync("template.not_approved", () => StartAsync(new Recipient(null, "+49 171 2345678", "+49 171 2345678"), pending));
        await ShouldFailWithAsync("phone.not_in_use", () => StartAsync(new Recipient(null, "0171 23", "0171 23"), template));
        await ShouldFailWithAsync("contact.no_phone", () => StartAsync(new Recipient(noPhone, "Ohne Nummer", null), template));
        await ShouldFailWithAsync("contact.whatsapp_taken", () => StartAsync(new Recipient(twin, "Sheena (doppelt)", null), template));
        await ShouldFailWithAsync("channel.unsupported",
            () => Conversations.StartWhatsAppAsync(As(Owner), webChat.Id, new Recipient(null, "+49 171 2345678", "+49 171 2345678"), template, NewKey()));

        await using var db = Database.CreateDbContext();
        (await db.Contacts.CountAsync(c => c.Phone == "+491712345678")).ShouldBe(0);
        (await db.Messages.CountAsync(m => m.Kind == MessageKind.Outgoing)).ShouldBe(0);
        (await db.Contacts.SingleAsync(c => c.Id == twin)).WhatsAppId.ShouldBeNull();
    }

    [Fact]
    public async Task Recipients_AreContactsWithANumber_ByNameOrNumberInAnyFormat_OrTheTypedNumberItself()
    {
        await CustomerTextsAsync();
        await AddContactAsync("Sheila ohne Nummer", null);

        (await Conversations.FindRecipientsAsync(As(Owner), InboxId, "she")).Select(r => r.Name).ShouldBe(["Sheena Nelson"]);
        (await Conversations.FindRecipientsAsync(As(Owner), InboxId, "0176 12345678")).Single().Name.ShouldBe("Sheena Nelson");
        var typed = (await Conversations.FindRecipientsAsync(As(Owner), InboxId, "0171/2345678")).ShouldHaveSingleItem();
        (typed.IsTyped, typed.Number).ShouldBe((true, "+491712345678"));
        (await Conversations.FindRecipientsAsync(As(Owner), InboxId, "niemand")).ShouldBeEmpty();
    }

    [Fact]
    public async Task RecipientState_SaysUntilWhenFreeRepliesAreAllowed()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var conversation = await ConversationAsync(conversationId);
        var (sheena, wroteAt) = (conversation.ContactId, conversation.LastCustomerMessageAt.ShouldNotBeNull());

        (await Conversations.RecipientStateAsync(As(Owner), InboxId, sheena)).ShouldBe(new RecipientState(conversationId, ConversationStatus.Open, wroteAt.AddHours(24)));
        Clock.Advance(TimeSpan.FromHours(24));
        (await Conversations.RecipientStateAsync(As(Owner), InboxId, sheena)).WindowOpenUntil.ShouldBeNull();
    }
}

public sealed class SqliteStartConversationTests() : StartConversationTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresStartConversationTests(PostgresServer postgres) : StartConversationTests(DatabaseProvider.Postgres, postgres);
