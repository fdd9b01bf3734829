using System.Globalization;
using BizInbox.Domain;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Labels;
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

    private async Task<int> InboxAsync(string name)
    {
        await using var db = Database.CreateDbContext();
        var inbox = ChannelInbox.Create(name, ChannelType.WebChat, Clock.GetUtcNow());
        db.Inboxes.Add(inbox);
        await db.SaveChangesAsync();
        return inbox.Id;
    }

    private async Task<long> StartAsync(Guid contactId, int inboxId)
    {
        await using var db = Database.CreateDbContext();
        var conversation = Conversation.Start(inboxId, contactId, Clock.GetUtcNow());
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    // One minute later than the last step, so that the two threads interleave in time.
    private async Task StepAsync(long conversationId, Func<Conversation, IEnumerable<Message>> step)
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        await using var db = Database.CreateDbContext();
        var conversation = await db.Conversations.Include(c => c.Labels).SingleAsync(c => c.Id == conversationId);
        db.Messages.AddRange(step(conversation));
        await db.SaveChangesAsync();
    }

    private Task CustomerWritesAsync(long conversationId, string text) =>
        StepAsync(conversationId, c => c.ReceiveFromCustomer(text, Guid.NewGuid().ToString(), Clock.GetUtcNow()));

    private async Task<List<string>> ThreadAsync(long conversationId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Messages.Where(m => m.ConversationId == conversationId && m.Kind != MessageKind.Activity)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Text).ToListAsync();
    }

    private async Task<List<long>> FactsOfAsync(long conversationId)
    {
        await using var db = Database.CreateDbContext();
        return await db.ReportFacts.Where(f => f.ConversationId == conversationId).OrderBy(f => f.Id).Select(f => f.Id).ToListAsync();
    }

    private async Task<List<long?>> SearchedConversationsAsync(string text)
    {
        await using var db = Database.CreateDbContext();
        return await db.SearchDocuments.Where(d => d.MessageId != null && d.Text.Contains(text)).Select(d => d.ConversationId).ToListAsync();
    }

    private async Task<(AppUser Owner, Guid Survivor, Guid Loser, long Kept, long Folded, Label Vip)> TwoThreadsInOneInboxAsync()
    {
        var (owner, _) = await TeamAsync();
        var survivor = await ContactAsync("Anna", phone: "+491712345678");
        var loser = await ContactAsync("Anna S.", phone: "+491712345678");
        var inbox = await InboxAsync("Web");
        var kept = await StartAsync(survivor.Id, inbox);
        var folded = await StartAsync(loser.Id, inbox);
        var me = new TeamMember(owner.Id, "Olga Owner");
        await CustomerWritesAsync(kept, "kept one");
        await CustomerWritesAsync(folded, "folded one");
        await StepAsync(kept, c => [c.Reply(me, "kept answer", "r1", Clock.GetUtcNow())]);
        await StepAsync(kept, c => c.Resolve(me, Clock.GetUtcNow()));
        await CustomerWritesAsync(folded, "folded two");
        // Both hold the automatic greeting's key, which is unique per conversation.
        await StepAsync(kept, c => [c.SendAutomatic(AutomaticMessageKind.Greeting, "kept greeting", "auto:greeting:first", Clock.GetUtcNow(), false)]);
        await StepAsync(folded, c => [c.SendAutomatic(AutomaticMessageKind.Greeting, "folded greeting", "auto:greeting:first", Clock.GetUtcNow(), false)]);
        var vip = await AddLabelAsync("VIP");
        await StepAsync(folded, c => c.AddLabel(me, vip, Clock.GetUtcNow()));
        return (owner, survivor.Id, loser.Id, kept, folded, vip);
    }

    [Fact]
    public async Task Merge_OfContactsWithConversationsInOneInbox_FoldsTheLosersConversationIntoTheSurvivors_InTimeOrder_AndAnOpenOneWins()
    {
        var (owner, survivor, loser, kept, folded, vip) = await TwoThreadsInOneInboxAsync();
        var facts = (await FactsOfAsync(kept)).Concat(await FactsOfAsync(folded)).Order().ToList();

        await Merges.MergeAsync(As(owner), survivor, loser, new MergeChoices());

        await using var db = Database.CreateDbContext();
        (await db.Conversations.AnyAsync(c => c.Id == folded)).ShouldBeFalse();
        var conversation = await db.Conversations.Include(c => c.Labels).SingleAsync(c => c.Id == kept);
        (conversation.ContactId, conversation.Status).ShouldBe((survivor, ConversationStatus.Open));
        conversation.LastMessagePreview.ShouldBe("folded two");
        conversation.Labels.Select(l => l.LabelId).ShouldBe([vip.Id]);
        (await ThreadAsync(kept)).ShouldBe(["kept one", "folded one", "kept answer", "folded two", "kept greeting", "folded greeting"]);
        (await FactsOfAsync(kept)).ShouldBe(facts);
        (await SearchedConversationsAsync("folded")).ShouldAllBe(id => id == kept);
        (await db.Messages.Where(m => m.ConversationId == kept).OrderByDescending(m => m.Id).FirstAsync()).Activity.ShouldBe(ActivityKind.ConversationFolded);
    }

    [Fact]
    public async Task Undo_AfterNewMessages_RecreatesTheFoldedConversationWithItsIdAndStatus_AndMovesBackExactlyItsRows()
    {
        var (owner, survivor, loser, kept, folded, _) = await TwoThreadsInOneInboxAsync();
        await StepAsync(folded, c => c.Resolve(new TeamMember(owner.Id, "Olga Owner"), Clock.GetUtcNow()));
        await StepAsync(kept, c => c.Reopen(new TeamMember(owner.Id, "Olga Owner"), Clock.GetUtcNow()));
        var (keptFacts, foldedFacts) = (await FactsOfAsync(kept), await FactsOfAsync(folded));
        Conversation before;
        await using (var db = Database.CreateDbContext())
        {
            before = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == folded);
        }

        var mergeId = await Merges.MergeAsync(As(owner), survivor, loser, new MergeChoices());
        await CustomerWritesAsync(kept, "after the merge");

        await Merges.UndoAsync(As(owner), mergeId);

        await using var check = Database.CreateDbContext();
        var restored = await check.Conversations.AsNoTracking().Include(c => c.Labels).SingleAsync(c => c.Id == folded);
        restored.Snapshot().ShouldBe(before.Snapshot());
        restored.Labels.Count.ShouldBe(1);
        (await check.Conversations.AsNoTracking().Include(c => c.Labels).SingleAsync(c => c.Id == kept)).Labels.ShouldBeEmpty();
        (await ThreadAsync(folded)).ShouldBe(["folded one", "folded two", "folded greeting"]);
        (await ThreadAsync(kept)).ShouldBe(["kept one", "kept answer", "kept greeting", "after the merge"]);
        (await FactsOfAsync(folded)).ShouldBe(foldedFacts);
        (await FactsOfAsync(kept)).Take(keptFacts.Count).ShouldBe(keptFacts);
        (await check.Messages.SingleAsync(m => m.ConversationId == folded && m.Text == "folded greeting")).ClientMessageId.ShouldBe("auto:greeting:first");
        (await SearchedConversationsAsync("folded")).ShouldAllBe(id => id == folded);
        (await check.Conversations.SingleAsync(c => c.Id == kept)).LastMessagePreview.ShouldBe("after the merge");
    }

    [Fact]
    public async Task AConversationThatCameViaAnAd_PassesThatOnInAMerge_AndTakesItBackOnUndo()
    {
        var (owner, survivor, loser, kept, folded, _) = await TwoThreadsInOneInboxAsync();
        var ad = new AdReferral("ad", "120", "https://example.com/fruehling", "Frühlings-Check", null, "image", null, null, null, "clid");
        await StepAsync(folded, c => c.ReceiveFromCustomer("Ich komme von der Anzeige", "ad-1", Clock.GetUtcNow(), new MessageContent(MessageContentType.Text, Referral: ad)));
        var queries = Database.Get<BizInbox.Web.Features.Inbox.InboxQueries>();
        async Task<List<long>> CameViaAdAsync() => [.. (await queries.ListAsync(owner.Id,
            new BizInbox.Web.Features.Inbox.ConversationFilter(BizInbox.Web.Features.Inbox.InboxTab.All, Status: null, CameViaAd: true), 50)).Items.Select(i => i.Id)];
        (await CameViaAdAsync()).ShouldBe([folded]);

        var mergeId = await Merges.MergeAsync(As(owner), survivor, loser, new MergeChoices());
        (await CameViaAdAsync()).ShouldBe([kept]);

        await Merges.UndoAsync(As(owner), mergeId);
        (await CameViaAdAsync()).ShouldBe([folded]);
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
