using System.Security.Claims;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Features.Inbox;
using BizInbox.Web.Data;
using ChannelInbox = BizInbox.Domain.Channels.Inbox;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Features.Contacts;
using BizInbox.Web.Identity;

namespace BizInbox.Tests.Features.Contacts;

public abstract class ContactServiceTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private ContactService Contacts => Database.Get<ContactService>();

    private async Task<(AppUser Owner, AppUser Manager, AppUser Agent, AppUser OtherAgent)> TeamAsync()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "mia@example.com", "Mia Manager");
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Agent");
        var other = await AddMemberAsync(owner, TeamRole.Agent, "eva@example.com", "Eva Agent");
        return (owner, manager, agent, other);
    }

    /// <summary>A contact created on <paramref name="created"/> and last seen on <paramref name="seen"/> (days after day 1).</summary>
    private async Task<Contact> ContactAsync(string name, string? email = null, string? phone = null, int created = 0, int? seen = null)
    {
        var contact = Contact.Create(name, email, phone, Day1.AddDays(created));
        contact.Seen(Day1.AddDays(seen ?? created));
        await using var db = Database.CreateDbContext();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    private async Task<ChannelInbox> InboxAsync(string name, ChannelType channel)
    {
        var inbox = ChannelInbox.Create(name, channel, Day1);
        await using var db = Database.CreateDbContext();
        db.Inboxes.Add(inbox);
        await db.SaveChangesAsync();
        return inbox;
    }

    private async Task<long> ConversationAsync(Contact contact, ChannelInbox inbox, int day)
    {
        var conversation = Conversation.Start(inbox.Id, contact.Id, Day1.AddDays(day));
        await using var db = Database.CreateDbContext();
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    private async Task<IReadOnlyList<string>> NamesAsync(CurrentMember actor, ContactQuery query) =>
        [.. (await Contacts.PageAsync(actor, query)).Rows.Select(r => r.Name)];

    [Fact]
    public async Task Page_SortsByNameCreationOrLastActivity_AndCountsAllMatches()
    {
        var (_, _, agent, _) = await TeamAsync();
        await ContactAsync("bruno", created: 2, seen: 9);
        await ContactAsync("Anna", created: 3, seen: 4);
        await ContactAsync("Ölga", created: 1, seen: 5);
        await ContactAsync("Carla", created: 4, seen: 6);

        (await NamesAsync(As(agent), new ContactQuery(Sort: ContactSort.Name, Descending: false))).ShouldBe(["Anna", "bruno", "Carla", "Ölga"]);
        (await NamesAsync(As(agent), new ContactQuery(Sort: ContactSort.Created, Descending: false))).ShouldBe(["Ölga", "bruno", "Anna", "Carla"]);
        (await NamesAsync(As(agent), new ContactQuery())).ShouldBe(["bruno", "Carla", "Ölga", "Anna"]);

        var second = await Contacts.PageAsync(As(agent), new ContactQuery(Sort: ContactSort.Name, Descending: false, Page: 1, PageSize: 3));
        second.Rows.Select(r => r.Name).ShouldBe(["Ölga"]);
        second.Total.ShouldBe(4);
    }

    [Theory]
    [InlineData("0171 2345678")]
    [InlineData("+49 171 2345678")]
    [InlineData("0049 171 2345678")]
    [InlineData("+49 (0)171 234-5678")]
    [InlineData("0171/2345678")]
    [InlineData("2345678")]
    public async Task Search_FindsAPhoneNumberInAnyNotation(string typed)
    {
        var (_, _, agent, _) = await TeamAsync();
        await ContactAsync("Anna", phone: "+491712345678");
        await ContactAsync("Bruno", phone: "+4930123456");
        await ContactAsync("Carla", phone: "+436641234567");
        // Without a phone: a parsed number compared by equality once matched every contact whose phone is null.
        await ContactAsync("Dora", "dora@example.com");

        var page = await Contacts.PageAsync(As(agent), new ContactQuery(typed));

        page.Rows.ShouldHaveSingleItem().Name.ShouldBe("Anna");
        page.Rows[0].Phone.ShouldBe("+49 171 2345678");
        page.Total.ShouldBe(1);
    }

    [Fact]
    public async Task Search_MatchesNameAndEmailInAnyCase_WithMatchingTextLiterally()
    {
        var (_, _, agent, _) = await TeamAsync();
        await ContactAsync("Ölga Müller", "OLGA@Example.com");
        await ContactAsync("Jonas Jansen", "jonas@shop.de");
        await ContactAsync("100% Kunde", "kunde@shop.de");

        (await NamesAsync(As(agent), new ContactQuery("ölga"))).ShouldBe(["Ölga Müller"]);
        (await NamesAsync(As(agent), new ContactQuery("olga@example"))).ShouldBe(["Ölga Müller"]);
        (await NamesAsync(As(agent), new ContactQuery("SHOP.DE", Sort: ContactSort.Name, Descending: false))).ShouldBe(["100% Kunde", "Jonas Jansen"]);
        (await NamesAsync(As(agent), new ContactQuery("0% K"))).ShouldBe(["100% Kunde"]);
        (await NamesAsync(As(agent), new ContactQuery("nobody"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Filter_ByChannel_ListsContactsWhoWroteThere_WithTheirChannels()
    {
        var (_, _, agent, _) = await TeamAsync();
        var web = await InboxAsync("Website", ChannelType.WebChat);
        var whatsApp = await InboxAsync("WhatsApp", ChannelType.WhatsApp);
        var both = await ContactAsync("Both");
        var webOnly = await ContactAsync("Web only");
        await ContactAsync("Nowhere");
        await ConversationAsync(both, web, 1);
        await ConversationAsync(both, whatsApp, 2);
        await ConversationAsync(webOnly, web, 3);

        var onWhatsApp = await Contacts.PageAsync(As(agent), new ContactQuery(Channel: ChannelType.WhatsApp));
        (await NamesAsync(As(agent), new ContactQuery(Channel: ChannelType.WebChat, Sort: ContactSort.Name, Descending: false))).ShouldBe(["Both", "Web only"]);

        onWhatsApp.Rows.ShouldHaveSingleItem().Name.ShouldBe("Both");
        onWhatsApp.Rows[0].Channels.ShouldBe([ChannelType.WebChat, ChannelType.WhatsApp]);
    }

    [Fact]
    public async Task Filter_ByCreationAndLastActivity_BoundsAreFromInclusiveToExclusive()
    {
        var (_, _, agent, _) = await TeamAsync();
        await ContactAsync("Early", created: 0, seen: 10);
        await ContactAsync("Middle", created: 5, seen: 6);
        await ContactAsync("Late", created: 9, seen: 9);

        (await NamesAsync(As(agent), new ContactQuery(CreatedFrom: Day1.AddDays(5), CreatedTo: Day1.AddDays(9)))).ShouldBe(["Middle"]);
        (await NamesAsync(As(agent), new ContactQuery(ActiveFrom: Day1.AddDays(9), Sort: ContactSort.Name, Descending: false))).ShouldBe(["Early", "Late"]);
        (await NamesAsync(As(agent), new ContactQuery(ActiveTo: Day1.AddDays(9)))).ShouldBe(["Middle"]);
    }

    [Fact]
    public async Task Page_RunsTheSameQueriesForAFullPageAsForOneRow()
    {
        var (_, _, agent, _) = await TeamAsync();
        var web = await InboxAsync("Website", ChannelType.WebChat);
        for (var i = 0; i < 30; i++)
        {
            await ConversationAsync(await ContactAsync($"Contact {i:00}"), web, i);
        }

        using var recorder = new SqlCommandRecorder(Database.ConnectionString);
        recorder.Start();
        await Contacts.PageAsync(As(agent), new ContactQuery(PageSize: 1));
        var forOne = recorder.Stop();
        recorder.Start();
        var page = await Contacts.PageAsync(As(agent), new ContactQuery(PageSize: 25));
        var forPage = recorder.Stop();

        page.Rows.Count.ShouldBe(25);
        page.Rows.ShouldAllBe(r => r.Channels.Count == 1);
        forOne.Count.ShouldBeGreaterThan(0, "the recorder saw no SQL at all");
        forPage.Count.ShouldBe(forOne.Count);
    }

    [Fact]
    public async Task Update_SavesTheRecord_AndAnAgentMayDoIt()
    {
        var (_, _, agent, _) = await TeamAsync();
        var contact = await ContactAsync("Anna");

        await Contacts.UpdateAsync(As(agent), contact.Id, new ContactInput(" Anna Schmidt ", "anna@example.com", "+49 171 2345678", "Schmidt GmbH", "pt-br"));

        var record = await Contacts.GetAsync(As(agent), contact.Id);
        (record.Name, record.Email, record.Phone, record.Company, record.Language)
            .ShouldBe(("Anna Schmidt", "anna@example.com", "+491712345678", "Schmidt GmbH", "pt-BR"));
        (await NamesAsync(As(agent), new ContactQuery("anna schmidt"))).ShouldBe(["Anna Schmidt"]);
    }

    [Fact]
    public async Task Update_WhenAFieldIsRefused_LeavesTheRecordAsItWas()
    {
        var (_, _, agent, _) = await TeamAsync();
        var contact = await ContactAsync("Anna", "anna@example.com");

        await ShouldFailWithAsync("contact.email_invalid", () => Contacts.UpdateAsync(As(agent), contact.Id, new ContactInput("Changed", "nope", null, "X", null)));
        await ShouldFailWithAsync("phone.country_code_missing", () => Contacts.UpdateAsync(As(agent), contact.Id, new ContactInput("Changed", null, "0171 2345678", null, null)));
        await ShouldFailWithAsync("contact.company_too_long", () => Contacts.UpdateAsync(As(agent), contact.Id, new ContactInput("Changed", null, null, new string('x', 101), null)));
        await ShouldFailWithAsync("contact.not_found", () => Contacts.UpdateAsync(As(agent), Guid.NewGuid(), new ContactInput("Changed", null, null, null, null)));

        var record = await Contacts.GetAsync(As(agent), contact.Id);
        (record.Name, record.Email, record.Company).ShouldBe(("Anna", "anna@example.com", null));
    }

    [Fact]
    public async Task Notes_AreListedNewestFirstWithTheirAuthor()
    {
        var (_, _, agent, other) = await TeamAsync();
        var contact = await ContactAsync("Anna");

        await Contacts.AddNoteAsync(As(agent), contact.Id, "Prefers email.");
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Contacts.AddNoteAsync(As(other), contact.Id, "Ordered 3 cakes.");

        var notes = await Contacts.NotesAsync(As(agent), contact.Id);
        notes.Select(n => (n.AuthorName, n.Text, n.CanDelete)).ShouldBe([("Eva Agent", "Ordered 3 cakes.", false), ("Ben Agent", "Prefers email.", true)]);
        notes[0].CreatedAt.ShouldBe(Clock.GetUtcNow());
        await ShouldFailWithAsync("contact.note_required", () => Contacts.AddNoteAsync(As(agent), contact.Id, "  "));
        await ShouldFailWithAsync("contact.not_found", () => Contacts.AddNoteAsync(As(agent), Guid.NewGuid(), "Lost"));
    }

    [Fact]
    public async Task Notes_AreDeletedByTheirAuthorOrAManager_NotByAnotherAgent()
    {
        var (_, manager, agent, other) = await TeamAsync();
        var contact = await ContactAsync("Anna");
        var mine = await Contacts.AddNoteAsync(As(agent), contact.Id, "Mine");
        var theirs = await Contacts.AddNoteAsync(As(other), contact.Id, "Theirs");

        await ShouldFailWithAsync("contact.note_not_yours", () => Contacts.DeleteNoteAsync(As(agent), theirs));
        (await Contacts.NotesAsync(As(manager), contact.Id)).ShouldAllBe(n => n.CanDelete);
        await Contacts.DeleteNoteAsync(As(agent), mine);
        await Contacts.DeleteNoteAsync(As(manager), theirs);

        (await Contacts.NotesAsync(As(agent), contact.Id)).ShouldBeEmpty();
        await ShouldFailWithAsync("contact.note_not_found", () => Contacts.DeleteNoteAsync(As(manager), theirs));
    }

    [Fact]
    public async Task Conversations_ListsEveryChannelLatestFirst()
    {
        var (_, _, agent, _) = await TeamAsync();
        var web = await InboxAsync("Website", ChannelType.WebChat);
        var whatsApp = await InboxAsync("Shop WhatsApp", ChannelType.WhatsApp);
        var contact = await ContactAsync("Anna");
        var someoneElse = await ContactAsync("Bruno");
        var first = await ConversationAsync(contact, web, 1);
        var second = await ConversationAsync(contact, whatsApp, 4);
        await ConversationAsync(someoneElse, web, 2);

        var rows = await Contacts.ConversationsAsync(As(agent), contact.Id);

        rows.Select(r => (r.Id, r.Channel, r.InboxName, r.Status))
            .ShouldBe([(second, ChannelType.WhatsApp, "Shop WhatsApp", ConversationStatus.Open), (first, ChannelType.WebChat, "Website", ConversationStatus.Open)]);
    }

    [Fact]
    public async Task SomeoneOutsideTheTeam_IsRefusedEverything()
    {
        var (owner, _, _, _) = await TeamAsync();
        var contact = await ContactAsync("Anna");
        var note = await Contacts.AddNoteAsync(As(owner), contact.Id, "Note");
        var stranger = Database.Member(new ClaimsPrincipal(new ClaimsIdentity()));
        var deactivated = await AddMemberAsync(owner, TeamRole.Agent, "gone@example.com");
        await Team.DeactivateAsync(As(owner), deactivated.Id);

        foreach (var outsider in new[] { stranger, As(deactivated) })
        {
            await ShouldFailWithAsync("team.not_allowed", () => Contacts.PageAsync(outsider, new ContactQuery()));
            await ShouldFailWithAsync("team.not_allowed", () => Contacts.GetAsync(outsider, contact.Id));
            await ShouldFailWithAsync("team.not_allowed", () => Contacts.UpdateAsync(outsider, contact.Id, new ContactInput("X", null, null, null, null)));
            await ShouldFailWithAsync("team.not_allowed", () => Contacts.NotesAsync(outsider, contact.Id));
            await ShouldFailWithAsync("team.not_allowed", () => Contacts.AddNoteAsync(outsider, contact.Id, "X"));
            await ShouldFailWithAsync("team.not_allowed", () => Contacts.DeleteNoteAsync(outsider, note));
            await ShouldFailWithAsync("team.not_allowed", () => Contacts.ConversationsAsync(outsider, contact.Id));
        }

        (await Contacts.GetAsync(As(owner), contact.Id)).Name.ShouldBe("Anna");
    }

    [Fact]
    public async Task Labels_AnAgentAttachesAndRemovesThem_EachChangeIsAnActivityEntry_AndTheListFiltersByLabel()
    {
        var (_, _, agent, other) = await TeamAsync();
        var vip = await AddLabelAsync("VIP", "#e53935");
        var wholesale = await AddLabelAsync("Wholesale");
        var anna = await ContactAsync("Anna", seen: 3);
        var bruno = await ContactAsync("Bruno", seen: 2);
        await ContactAsync("Carla", seen: 1);

        await Contacts.AddLabelAsync(As(agent), anna.Id, vip.Id);
        await Contacts.AddLabelAsync(As(agent), anna.Id, vip.Id);
        await Contacts.AddLabelAsync(As(agent), anna.Id, wholesale.Id);
        await Contacts.AddLabelAsync(As(other), bruno.Id, vip.Id);
        await Contacts.RemoveLabelAsync(As(other), anna.Id, wholesale.Id);

        (await NamesAsync(As(agent), new ContactQuery(LabelId: vip.Id))).ShouldBe(["Anna", "Bruno"]);
        (await NamesAsync(As(agent), new ContactQuery(LabelId: wholesale.Id))).ShouldBeEmpty();
        (await NamesAsync(As(agent), new ContactQuery("bru", LabelId: vip.Id))).ShouldBe(["Bruno"]);
        (await Contacts.PageAsync(As(agent), new ContactQuery(LabelId: vip.Id))).Rows[0].Labels.Select(l => l.Name).ShouldBe(["VIP"]);
        (await Contacts.StandingAsync(As(agent), anna.Id)).Labels.Select(l => l.Name).ShouldBe(["VIP"]);
        (await Contacts.ActivityAsync(As(agent), anna.Id)).Select(a => (a.Kind, a.ActorName, a.Target)).ShouldBe([
            (ContactActivityKind.LabelRemoved, "Eva Agent", "Wholesale"),
            (ContactActivityKind.LabelAdded, "Ben Agent", "Wholesale"),
            (ContactActivityKind.LabelAdded, "Ben Agent", "VIP"),
        ]);
    }

    [Fact]
    public async Task AChange_IsPublishedOnTheContactsTopic_AndOnlyWhenSomethingChanged()
    {
        var (_, _, agent, _) = await TeamAsync();
        var vip = await AddLabelAsync("VIP");
        var anna = await ContactAsync("Anna");
        var heard = new List<Web.Realtime.InboxChange>();
        using var _ = Database.Get<Web.Realtime.IInboxEventBus>().Subscribe(Web.Realtime.Topics.Contact(anna.Id), c =>
        {
            lock (heard)
            {
                heard.Add(c);
            }

            return Task.CompletedTask;
        });

        await Contacts.AddLabelAsync(As(agent), anna.Id, vip.Id);
        await Contacts.AddLabelAsync(As(agent), anna.Id, vip.Id);
        await Contacts.BlockAsync(As(agent), anna.Id);

        heard.Select(c => (c.Kind, c.ActorName)).ShouldBe([(Web.Realtime.ChangeKind.ContactChanged, "Ben Agent"), (Web.Realtime.ChangeKind.ContactChanged, "Ben Agent")]);
    }

    [Fact]
    public async Task BlockAndSpam_AreFilterable_AndUnblockingTakesThemOffBothFilters()
    {
        var (_, _, agent, _) = await TeamAsync();
        var anna = await ContactAsync("Anna", seen: 3);
        var bruno = await ContactAsync("Bruno", seen: 2);
        await ContactAsync("Carla", seen: 1);

        await Contacts.BlockAsync(As(agent), anna.Id);
        await Contacts.ReportSpamAsync(As(agent), bruno.Id);

        (await NamesAsync(As(agent), new ContactQuery(Standing: ContactStanding.Blocked))).ShouldBe(["Anna", "Bruno"]);
        (await NamesAsync(As(agent), new ContactQuery(Standing: ContactStanding.Spam))).ShouldBe(["Bruno"]);
        var row = (await Contacts.PageAsync(As(agent), new ContactQuery(Standing: ContactStanding.Spam))).Rows.ShouldHaveSingleItem();
        (row.Blocked, row.Spam).ShouldBe((true, true));

        await Contacts.UnblockAsync(As(agent), bruno.Id);

        (await NamesAsync(As(agent), new ContactQuery(Standing: ContactStanding.Blocked))).ShouldBe(["Anna"]);
        (await NamesAsync(As(agent), new ContactQuery(Standing: ContactStanding.Spam))).ShouldBeEmpty();
        (await Contacts.ActivityAsync(As(agent), bruno.Id)).Select(a => a.Kind).ShouldBe([ContactActivityKind.Unblocked, ContactActivityKind.ReportedSpam]);
    }

    [Fact]
    public async Task Consent_IsRecordedWithWhenAndHow_AndItsHistoryStaysInTheActivityLog()
    {
        var (_, _, agent, _) = await TeamAsync();
        var anna = await ContactAsync("Anna");
        var signedUp = Clock.GetUtcNow().AddDays(-3);

        await Contacts.GrantConsentAsync(As(agent), anna.Id, ConsentSource.Form, signedUp);
        var given = await Contacts.StandingAsync(As(agent), anna.Id);
        (given.HasConsent, given.ConsentGivenAt, given.ConsentSource).ShouldBe((true, signedUp, ConsentSource.Form));

        await Contacts.WithdrawConsentAsync(As(agent), anna.Id);
        await ShouldFailWithAsync("contact.consent_in_future", () => Contacts.GrantConsentAsync(As(agent), anna.Id, ConsentSource.Chat, Clock.GetUtcNow().AddDays(1)));

        var withdrawn = await Contacts.StandingAsync(As(agent), anna.Id);
        (withdrawn.HasConsent, withdrawn.ConsentWithdrawnAt, withdrawn.ConsentSource).ShouldBe((false, Clock.GetUtcNow(), ConsentSource.Form));
        (await Contacts.ActivityAsync(As(agent), anna.Id)).Select(a => (a.Kind, a.Target))
            .ShouldBe([(ContactActivityKind.ConsentWithdrawn, null), (ContactActivityKind.ConsentGranted, "Form")]);
    }

    [Fact]
    public async Task Standing_SomeoneOutsideTheTeamIsRefusedEveryChange()
    {
        var (owner, _, _, _) = await TeamAsync();
        var vip = await AddLabelAsync("VIP");
        var anna = await ContactAsync("Anna");
        var stranger = Database.Member(new ClaimsPrincipal(new ClaimsIdentity()));

        await ShouldFailWithAsync("team.not_allowed", () => Contacts.StandingAsync(stranger, anna.Id));
        await ShouldFailWithAsync("team.not_allowed", () => Contacts.LabelsAsync(stranger));
        await ShouldFailWithAsync("team.not_allowed", () => Contacts.ActivityAsync(stranger, anna.Id));
        await ShouldFailWithAsync("team.not_allowed", () => Contacts.AddLabelAsync(stranger, anna.Id, vip.Id));
        await ShouldFailWithAsync("team.not_allowed", () => Contacts.RemoveLabelAsync(stranger, anna.Id, vip.Id));
        await ShouldFailWithAsync("team.not_allowed", () => Contacts.BlockAsync(stranger, anna.Id));
        await ShouldFailWithAsync("team.not_allowed", () => Contacts.ReportSpamAsync(stranger, anna.Id));
        await ShouldFailWithAsync("team.not_allowed", () => Contacts.UnblockAsync(stranger, anna.Id));
        await ShouldFailWithAsync("team.not_allowed", () => Contacts.GrantConsentAsync(stranger, anna.Id, ConsentSource.Verbal, null));
        await ShouldFailWithAsync("team.not_allowed", () => Contacts.WithdrawConsentAsync(stranger, anna.Id));
        await ShouldFailWithAsync("label.not_found", () => Contacts.AddLabelAsync(As(owner), anna.Id, vip.Id + 100));

        var standing = await Contacts.StandingAsync(As(owner), anna.Id);
        (standing.Labels.Count, standing.Blocked, standing.HasConsent).ShouldBe((0, false, false));
    }

    [Fact]
    public async Task ASharedCard_IsSavedOnAnAgentsWord_WithItsWhatsAppNumberEmailAndCompany_AndNeverTwice()
    {
        var (_, _, agent, _) = await TeamAsync();
        var card = new BizInbox.Web.Channels.SharedContact("Jana Jansen", ["+49 151 1111111"], Company: "Fahrradladen Jansen",
            PhoneDetails: [new("0151 2222222", "CELL", "4915122222222"), new("+49 151 1111111", "WORK", null)],
            Emails: [new("kein-mail", "WORK"), new("jana@example.com", "HOME")]);

        var saved = await Contacts.SaveCardAsync(As(agent), card);
        var again = await Contacts.SaveCardAsync(As(agent), card with { Name = "Jana J.", PhoneDetails = [], Phones = [] });

        saved.AlreadyKnown.ShouldBeFalse();
        again.ShouldBe(new SavedCard(saved.ContactId, AlreadyKnown: true));
        var record = await Contacts.GetAsync(As(agent), saved.ContactId);
        (record.Name, record.Phone, record.Email, record.Company).ShouldBe(("Jana Jansen", "+4915122222222", "jana@example.com", "Fahrradladen Jansen"));
        var outsider = Database.Member(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "nobody")], "test")));
        await ShouldFailWithAsync("team.not_allowed", () => Contacts.SaveCardAsync(outsider, card));
    }
}

public sealed class SqliteContactServiceTests() : ContactServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresContactServiceTests(PostgresServer postgres) : ContactServiceTests(DatabaseProvider.Postgres, postgres);
