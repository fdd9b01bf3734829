using System.Globalization;
using System.Security.Claims;
using BizInbox.Domain;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Contacts;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;
using ChannelInbox = BizInbox.Domain.Channels.Inbox;

namespace BizInbox.Tests.Features.Contacts;

public abstract class ContactMergeServiceTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    private ContactMergeService Merges => Database.Get<ContactMergeService>();

    private ContactService Contacts => Database.Get<ContactService>();

    private async Task<(AppUser Owner, AppUser Agent)> TeamAsync()
    {
        var owner = await SetupOwnerAsync();
        return (owner, await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Agent"));
    }

    private async Task<Contact> ContactAsync(string name, string? email = null, string? phone = null, string? company = null)
    {
        var contact = Contact.Create(name, email, phone, Clock.GetUtcNow());
        contact.UpdateRecord(name, email, phone, company, null);
        await using var db = Database.CreateDbContext();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    private async Task<long> ConversationAsync(Guid contactId, string inboxName)
    {
        await using var db = Database.CreateDbContext();
        var inbox = ChannelInbox.Create(inboxName, ChannelType.WebChat, Clock.GetUtcNow());
        db.Inboxes.Add(inbox);
        await db.SaveChangesAsync();
        var conversation = Conversation.Start(inbox.Id, contactId, Clock.GetUtcNow());
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    private async Task<Contact?> FindAsync(Guid id)
    {
        await using var db = Database.CreateDbContext();
        return await db.Contacts.AsNoTracking().Include(c => c.Labels).FirstOrDefaultAsync(c => c.Id == id);
    }

    private async Task<List<Guid>> OwnersOfConversationsAsync(params long[] ids)
    {
        await using var db = Database.CreateDbContext();
        return await db.Conversations.Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.ContactId).ToListAsync();
    }

    [Fact]
    public async Task Duplicates_FindSamePhoneSameEmailAndSimilarNameAtOneCompany_StrongestFirst_WithoutDismissedPairs()
    {
        var (owner, agent) = await TeamAsync();
        var anna = await ContactAsync("Anna Schmidt", phone: "+49 171 2345678");
        await ContactAsync("A. Schmidt", phone: "+49 0171 2345678");
        await ContactAsync("Jörg Müller", email: "JOERG@example.com");
        await ContactAsync("Joerg", email: "joerg@example.com ");
        var katharina = await ContactAsync("Katharina Weber", company: "Bäckerei Olga");
        var katarina = await ContactAsync("Katarina Weber", company: "bäckerei olga");
        await ContactAsync("Karl Weber", company: "Bäckerei Olga");

        var pairs = await Merges.DuplicatesAsync(As(agent));

        pairs.Select(p => p.Reason).ShouldBe([DuplicateReason.SamePhone, DuplicateReason.SameEmail, DuplicateReason.SimilarNameSameCompany]);
        (await Merges.DuplicatesOfAsync(As(agent), anna.Id)).Single().Second.Name.ShouldBe("A. Schmidt");
        await Merges.DismissAsync(As(owner), katarina.Id, katharina.Id);
        (await Merges.DuplicatesAsync(As(agent))).Select(p => p.Reason).ShouldNotContain(DuplicateReason.SimilarNameSameCompany);
        (await Merges.DuplicatesOfAsync(As(agent), katharina.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnAgent_MayNeitherDismissNorMerge()
    {
        var (_, agent) = await TeamAsync();
        var a = await ContactAsync("Anna", phone: "+491712345678");
        var b = await ContactAsync("Anna S.", phone: "+491712345678");

        (await Should.ThrowAsync<DomainException>(() => Merges.MergeAsync(As(agent), a.Id, b.Id, new MergeChoices()))).Code.ShouldBe("contact.merge_not_allowed");
        (await Should.ThrowAsync<DomainException>(() => Merges.DismissAsync(As(agent), a.Id, b.Id))).Code.ShouldBe("contact.merge_not_allowed");
        (await FindAsync(b.Id)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Merge_MovesConversationsNotesLabelsAttributesAndActivity_TakesChosenFields_AndRecordsIt()
    {
        var (owner, _) = await TeamAsync();
        var survivor = await ContactAsync("Anna", phone: "+491712345678");
        var loser = await ContactAsync("Anna Schmidt", email: "anna@example.com", phone: "+491712345678", company: "Olga GmbH");
        var survivorConversation = await ConversationAsync(survivor.Id, "Web");
        var loserConversation = await ConversationAsync(loser.Id, "Shop");
        var noteId = await Contacts.AddNoteAsync(As(owner), loser.Id, "Prefers mornings");
        var vip = await AddLabelAsync("VIP");
        await Contacts.AddLabelAsync(As(owner), loser.Id, vip.Id);
        var attributes = Database.Get<ContactAttributeService>();
        var city = await attributes.CreateAsync(As(owner), new AttributeInput("city", "City", AttributeType.Text, null, []));
        await attributes.SaveValuesAsync(As(owner), loser.Id, new Dictionary<int, string?> { [city] = "Berlin" }, CultureInfo.InvariantCulture);

        await Merges.MergeAsync(As(owner), survivor.Id, loser.Id, new MergeChoices(Name: true));

        (await FindAsync(loser.Id)).ShouldBeNull();
        var merged = (await FindAsync(survivor.Id))!;
        (merged.Name, merged.Email, merged.Company).ShouldBe(("Anna Schmidt", "anna@example.com", "Olga GmbH"));
        merged.Labels.Select(l => l.LabelId).ShouldBe([vip.Id]);
        (await OwnersOfConversationsAsync(survivorConversation, loserConversation)).ShouldAllBe(id => id == survivor.Id);
        (await Contacts.NotesAsync(As(owner), survivor.Id)).Select(n => n.Id).ShouldBe([noteId]);
        (await attributes.ValuesAsync(As(owner), survivor.Id))[city].ShouldBe("Berlin");
        var activity = await Contacts.ActivityAsync(As(owner), survivor.Id);
        activity[0].Kind.ShouldBe(ContactActivityKind.Merged);
        activity.ShouldContain(a => a.Kind == ContactActivityKind.LabelAdded);
        (await Merges.MergesAsync(As(owner), survivor.Id)).Single().LoserName.ShouldBe("Anna Schmidt");
    }

    [Fact]
    public async Task Merge_KeepsAnOptOutAndABlockFromEitherSide()
    {
        var (owner, _) = await TeamAsync();
        var survivor = await ContactAsync("Anna", phone: "+491712345678");
        var loser = await ContactAsync("Anna S.", phone: "+491712345678");
        await Contacts.GrantConsentAsync(As(owner), survivor.Id, ConsentSource.Written, null);
        await Contacts.GrantConsentAsync(As(owner), loser.Id, ConsentSource.Written, null);
        await Contacts.WithdrawConsentAsync(As(owner), loser.Id);
        await Contacts.BlockAsync(As(owner), loser.Id);

        await Merges.MergeAsync(As(owner), survivor.Id, loser.Id, new MergeChoices());

        var merged = (await FindAsync(survivor.Id))!;
        merged.HasConsent.ShouldBeFalse();
        merged.ConsentWithdrawnAt.ShouldNotBeNull();
        merged.IsBlocked.ShouldBeTrue();
    }

    [Fact]
    public async Task Merge_OfContactsWithConversationsInOneInbox_IsRefused_AndChangesNothing()
    {
        var (owner, _) = await TeamAsync();
        var survivor = await ContactAsync("Anna", phone: "+491712345678");
        var loser = await ContactAsync("Anna S.", phone: "+491712345678");
        var inboxConversation = await ConversationAsync(survivor.Id, "Web");
        await using (var db = Database.CreateDbContext())
        {
            var inboxId = (await db.Conversations.SingleAsync(c => c.Id == inboxConversation)).InboxId;
            db.Conversations.Add(Conversation.Start(inboxId, loser.Id, Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        (await Should.ThrowAsync<DomainException>(() => Merges.MergeAsync(As(owner), survivor.Id, loser.Id, new MergeChoices())))
            .Code.ShouldBe("contact.merge_same_inbox");
        (await FindAsync(loser.Id)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Undo_RestoresTheMergedAwayContactExactly_AndKeepsWhatWasAddedSince()
    {
        var (owner, _) = await TeamAsync();
        var survivor = await ContactAsync("Anna", phone: "+491712345678");
        var loser = await ContactAsync("Anna Schmidt", email: "anna@example.com", phone: "+491712345678", company: "Olga GmbH");
        var loserConversation = await ConversationAsync(loser.Id, "Shop");
        var noteId = await Contacts.AddNoteAsync(As(owner), loser.Id, "Prefers mornings");
        var vip = await AddLabelAsync("VIP");
        await Contacts.AddLabelAsync(As(owner), loser.Id, vip.Id);
        await Contacts.BlockAsync(As(owner), loser.Id);
        var before = (await FindAsync(loser.Id))!.Snapshot();
        var survivorBefore = (await FindAsync(survivor.Id))!.Snapshot();
        var mergeId = await Merges.MergeAsync(As(owner), survivor.Id, loser.Id, new MergeChoices(Name: true));
        Clock.Advance(TimeSpan.FromDays(29));
        var laterNote = await Contacts.AddNoteAsync(As(owner), survivor.Id, "Called after the merge");

        await Merges.UndoAsync(As(owner), mergeId);

        var restored = (await FindAsync(loser.Id))!;
        restored.Snapshot().ShouldBe(before);
        restored.Labels.Select(l => l.LabelId).ShouldBe([vip.Id]);
        (await FindAsync(survivor.Id))!.Snapshot().ShouldBe(survivorBefore);
        (await FindAsync(survivor.Id))!.Labels.ShouldBeEmpty();
        (await OwnersOfConversationsAsync(loserConversation)).ShouldBe([loser.Id]);
        (await Contacts.NotesAsync(As(owner), loser.Id)).Select(n => n.Id).ShouldBe([noteId]);
        (await Contacts.NotesAsync(As(owner), survivor.Id)).Select(n => n.Id).ShouldBe([laterNote]);
        (await Contacts.ActivityAsync(As(owner), survivor.Id))[0].Kind.ShouldBe(ContactActivityKind.MergeUndone);
        (await Contacts.ActivityAsync(As(owner), loser.Id)).Select(a => a.Kind).ShouldBe([ContactActivityKind.Blocked, ContactActivityKind.LabelAdded]);
        (await Merges.MergesAsync(As(owner))).ShouldBeEmpty();
    }

    [Fact]
    public async Task AMergeOlderThan30Days_IsPurged_AndCanNoLongerBeUndone()
    {
        var (owner, _) = await TeamAsync();
        var survivor = await ContactAsync("Anna", phone: "+491712345678");
        var loser = await ContactAsync("Anna S.", phone: "+491712345678");
        var mergeId = await Merges.MergeAsync(As(owner), survivor.Id, loser.Id, new MergeChoices());
        Clock.Advance(TimeSpan.FromDays(30));

        (await Merges.PurgeExpiredAsync()).ShouldBe(1);

        (await Should.ThrowAsync<DomainException>(() => Merges.UndoAsync(As(owner), mergeId))).Code.ShouldBe("contact.merge_not_found");
        (await FindAsync(loser.Id)).ShouldBeNull();
    }
}

public sealed class SqliteContactMergeServiceTests() : ContactMergeServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresContactMergeServiceTests(PostgresServer postgres) : ContactMergeServiceTests(DatabaseProvider.Postgres, postgres);
