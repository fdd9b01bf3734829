using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Search;
using BizInbox.Domain.Team;
using BizInbox.Tests.Features.Inbox;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Contacts.Privacy;
using BizInbox.Web.Features.Search;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Features.Search;

public abstract class SearchServiceTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    private SearchService Search => Database.Get<SearchService>();

    private async Task<SearchResults> FindAsync(AppUser user, string text, SearchRequest? filters = null) =>
        await Search.SearchAsync(As(user), (filters ?? new SearchRequest(null)) with { Text = text });

    [Theory]
    [InlineData("Mueller")]
    [InlineData("Müller")]
    [InlineData("MÜLL")]
    [InlineData("muel")]
    public async Task Umlauts_MatchTheirTransliterationBothWays(string typed)
    {
        var owner = await SetupOwnerAsync();
        var umlaut = await NewConversationAsync("Jürgen Müller", "Guten Tag");
        var written = await NewConversationAsync("Petra Mueller", "Hallo");

        var found = await FindAsync(owner, typed);

        found.Contacts.Select(c => c.Name).ShouldBe(["Jürgen Müller", "Petra Mueller"]);
        found.Conversations.Select(c => c.ConversationId).ShouldBe([written, umlaut], ignoreOrder: true);
    }

    [Theory]
    [InlineData("Strasse")]
    [InlineData("Straße")]
    [InlineData("STRASSE 12")]
    public async Task EszettAndDoubleS_FindEachOther_InMessageText(string typed)
    {
        var owner = await SetupOwnerAsync();
        var c1 = await NewConversationAsync("Carla", "Die Straße 12 ist gesperrt");
        var c2 = await NewConversationAsync("Dora", "Wir wohnen in der Strasse 12");
        await NewConversationAsync("Emil", "Nichts davon");

        var found = await FindAsync(owner, typed);

        found.Messages.Select(m => m.ConversationId).ShouldBe([c2, c1]);
        found.Messages[0].Text.ShouldBe("Wir wohnen in der Strasse 12");
    }

    [Theory]
    [InlineData("+49 171 2345678")]
    [InlineData("0171/2345678")]
    [InlineData("0049 (0)171 234-5678")]
    [InlineData("+491712345678")]
    [InlineData("01712")]
    public async Task ANumberInAnyNotation_FindsTheContact(string typed)
    {
        var owner = await SetupOwnerAsync();
        var (_, visitor) = await Chat.StartAsync((await SetupInboxAsync()).PublicKey, "Frieda", "frieda@example.com", "+49 171 2345678");
        var conversation = (await CustomerWritesAsync(visitor, "Hallo")).ConversationId;
        await NewConversationAsync("Gustav");

        var found = await FindAsync(owner, typed);

        var contact = found.Contacts.ShouldHaveSingleItem();
        (contact.Name, contact.Phone, contact.ConversationId).ShouldBe(("Frieda", "+491712345678", conversation));
        (await FindAsync(owner, "frieda@example")).Contacts.ShouldHaveSingleItem().Name.ShouldBe("Frieda");
    }

    [Fact]
    public async Task RenamedContact_IsFoundByTheNewName_NotTheOld()
    {
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync("Hans Alt");
        await CustomerWritesAsync(visitor, "Hallo");
        await using (var db = Database.CreateDbContext())
        {
            var contact = await db.Contacts.SingleAsync(c => c.Id == visitor.ContactId);
            contact.UpdateDetails("Hans Weiß", null, null);
            await db.SaveChangesAsync();
        }

        (await FindAsync(owner, "weiss")).Contacts.ShouldHaveSingleItem().Name.ShouldBe("Hans Weiß");
        (await FindAsync(owner, "alt")).Contacts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Müller's (Rechnung)")]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("Rechnung\" OR \"x")]
    [InlineData("NEAR(a b)")]
    [InlineData("a & !b | c:*")]
    [InlineData("100%_")]
    public async Task AnyTypedSyntax_ReturnsResultsOrNothing_NeverAnError(string typed)
    {
        var owner = await SetupOwnerAsync();
        await NewConversationAsync("Carla", "Frau Müller's Rechnung (offen)");

        var found = await FindAsync(owner, typed);

        found.Messages.Count.ShouldBe(typed.StartsWith("Müller", StringComparison.Ordinal) ? 1 : 0);
    }

    [Fact]
    public async Task Notes_AreFoundByTheTeam_ActivitiesAreNot()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var conversation = await NewConversationAsync("Carla");
        await Conversations.AddNoteAsync(As(owner), conversation, "Kundin will Rabatt", NewKey());
        await Conversations.AssignAsync(As(owner), conversation, agent.Id);

        var note = (await FindAsync(agent, "rabatt")).Messages.ShouldHaveSingleItem();
        (note.Kind, note.SenderName, note.ConversationId).ShouldBe((MessageKind.Note, "Olga Owner", conversation));
        (await FindAsync(agent, "assigned")).Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task ADeactivatedMember_GetsNothing()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        await NewConversationAsync("Carla", "Rechnung bitte");
        (await FindAsync(agent, "rechnung")).Messages.Count.ShouldBe(1);

        await Team.DeactivateAsync(As(owner), agent.Id);

        await Should.ThrowAsync<DomainException>(() => FindAsync(agent, "rechnung"));
        await using var db = Database.CreateDbContext();
        // The rule is part of the query itself, not only of the entry check.
        (await SearchService.Visible(db, agent.Id, new SearchRequest(null)).CountAsync()).ShouldBe(0);
        (await SearchService.Visible(db, owner.Id, new SearchRequest(null)).CountAsync()).ShouldBe(1);
    }

    // A limit of 0 reads every filter's page from the matches, newest first; the default reads these few conversations first.
    [Theory]
    [InlineData(2_000)]
    [InlineData(0)]
    public async Task Filters_NarrowConversationsAndMessages_BeforeTheLimit(int narrowLimit)
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var shop = await AddWebChatInboxAsync("Shop chat");
        var vip = await AddLabelAsync("vip");
        var early = await NewConversationAsync("Carla", "Rechnung Nummer eins");
        Clock.Advance(TimeSpan.FromDays(2));
        var later = await NewConversationAsync("Dora", "Rechnung Nummer zwei", shop);
        var resolved = await NewConversationAsync("Emil", "Rechnung Nummer drei");
        await Conversations.ResolveAsync(As(owner), resolved);
        await Conversations.AssignAsync(As(owner), later, agent.Id);
        await Conversations.AddLabelAsync(As(owner), early, vip.Id);

        var search = new SearchService(Database.Get<IDbContextFactory<BizInboxDbContext>>()) { NarrowLimit = narrowLimit };
        Task<SearchResults> Find(SearchRequest filters) => search.SearchAsync(As(owner), filters with { Text = "rechnung" });
        async Task<long[]> Hits(SearchRequest filters) => (await Find(filters)).Messages.Select(m => m.ConversationId).ToArray();

        (await Hits(new(null))).ShouldBe([resolved, later, early]);
        (await Hits(new(null, InboxId: shop.Id))).ShouldBe([later]);
        (await Hits(new(null, Status: ConversationStatus.Resolved))).ShouldBe([resolved]);
        (await Hits(new(null, LabelId: vip.Id))).ShouldBe([early]);
        (await Hits(new(null, AssigneeId: agent.Id))).ShouldBe([later]);
        (await Hits(new(null, Until: Clock.GetUtcNow().AddDays(-1)))).ShouldBe([early]);
        (await Hits(new(null, From: Clock.GetUtcNow().AddDays(-1)))).ShouldBe([resolved, later]);
        (await Hits(new(null, Limit: 1))).ShouldBe([resolved]);
        (await Find(new(null, Limit: 2))).MoreMessages.ShouldBeTrue();
        (await Find(new(null, InboxId: shop.Id, Limit: 1))).MoreMessages.ShouldBeFalse();
        (await Find(new(null, Status: ConversationStatus.Open, Limit: 1))).MoreMessages.ShouldBeTrue();
        (await Hits(new(null, Status: ConversationStatus.Open, LabelId: vip.Id, AssigneeId: agent.Id))).ShouldBeEmpty();
    }

    [Fact]
    public async Task AFewFilteredConversations_FindTheirOldMatches_BehindManyNewerOnes()
    {
        var owner = await SetupOwnerAsync();
        var shop = await AddWebChatInboxAsync("Shop chat");
        var old = await NewConversationAsync("Carla", "Paket für Carla", shop);
        await AgentRepliesAsync(owner, old, "Ihr Paket ist unterwegs");
        for (var i = 0; i < 30; i++)
        {
            await NewConversationAsync($"Kunde {i}", $"Paket Nummer {i}");
        }

        var found = await FindAsync(owner, "paket", new(null, InboxId: shop.Id, Limit: 1));
        found.Messages.ShouldHaveSingleItem().Text.ShouldBe("Ihr Paket ist unterwegs");
        found.MoreMessages.ShouldBeTrue();
        (await FindAsync(owner, "paket", new(null, InboxId: shop.Id))).Messages.Select(m => m.Text).ShouldBe(["Ihr Paket ist unterwegs", "Paket für Carla"]);
        (await FindAsync(owner, "nummer", new(null, InboxId: shop.Id))).Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task FrequentAndRareWords_ArePagedNewestFirst_AndAWordNobodyWroteFindsNothing()
    {
        var owner = await SetupOwnerAsync();
        for (var i = 0; i < 8; i++)
        {
            await NewConversationAsync($"Kunde {i}", $"Paket Nummer {i}");
        }

        await NewConversationAsync("Carla", "Bestellung 4711 ist da");

        var frequent = await FindAsync(owner, "paket", new(null, Limit: 5));
        frequent.Messages.Select(m => m.Text).ShouldBe(["Paket Nummer 7", "Paket Nummer 6", "Paket Nummer 5", "Paket Nummer 4", "Paket Nummer 3"]);
        frequent.MoreMessages.ShouldBeTrue();
        (await FindAsync(owner, "4711")).Messages.ShouldHaveSingleItem().Text.ShouldBe("Bestellung 4711 ist da");
        (await FindAsync(owner, "nummer 7 paket")).Messages.ShouldHaveSingleItem().Text.ShouldBe("Paket Nummer 7");
        (await FindAsync(owner, "zwiebelkuchen")).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task AFilterWithAWord_NarrowsTheConversationsOfTheMatchedContacts()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var open = await NewConversationAsync("Frieda Farbe", "Welche Farbe hat das Sofa?");
        var resolved = await NewConversationAsync("Fritz Farbenfroh", "Die Farbe ist egal");
        await Conversations.ResolveAsync(As(owner), resolved);
        await Conversations.AssignAsync(As(owner), open, agent.Id);

        var byStatus = await FindAsync(owner, "farbe", new(null, Status: ConversationStatus.Resolved));
        var byAgent = await FindAsync(agent, "farbe", new(null, AssigneeId: agent.Id));

        byStatus.Contacts.ShouldBeEmpty();
        byStatus.Conversations.Select(c => c.ConversationId).ShouldBe([resolved]);
        byStatus.Messages.Select(m => m.ConversationId).ShouldBe([resolved]);
        byAgent.Conversations.Select(c => c.ConversationId).ShouldBe([open]);
        byAgent.Messages.Select(m => m.ConversationId).ShouldBe([open]);
        (await FindAsync(owner, "farbe", new(null, Status: ConversationStatus.Resolved, AssigneeId: agent.Id))).IsEmpty.ShouldBeTrue();
        (await FindAsync(agent, "farbe")).Conversations.Select(c => c.ConversationId).ShouldBe([resolved, open], ignoreOrder: true);
    }

    [Fact]
    public async Task ContactMatch_ReadsContactsOnly_AndForgetsAnErasedContact()
    {
        var owner = await SetupOwnerAsync();
        await NewConversationAsync("Ida Imhof", "Hallo");
        await NewConversationAsync("Gustav Gans", "Ida kommt morgen vorbei");

        var found = await FindAsync(owner, "ida");

        found.Contacts.ShouldHaveSingleItem().Name.ShouldBe("Ida Imhof");
        found.Messages.ShouldHaveSingleItem().Text.ShouldBe("Ida kommt morgen vorbei");
        await Database.Get<ContactErasureService>().EraseAsync(As(owner), found.Contacts[0].ContactId, "Ida Imhof");
        (await FindAsync(owner, "imhof")).Contacts.ShouldBeEmpty();
        (await FindAsync(owner, "ida")).Contacts.ShouldBeEmpty();
        await using var db = Database.CreateDbContext();
        if (db.Database.IsSqlite())
        {
            // FTS5 compares each index with its content (the contact index with the contact documents alone); it throws when they differ.
            await db.Database.ExecuteSqlRawAsync("INSERT INTO ContactSearchIndex(ContactSearchIndex) VALUES ('integrity-check');");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO SearchIndex(SearchIndex) VALUES ('integrity-check');");
        }
    }

    [Fact]
    public async Task Backfill_IndexesRowsWrittenBeforeSearch_Once()
    {
        var owner = await SetupOwnerAsync();
        await NewConversationAsync("Zacharias", "Alte Nachricht");
        await using (var db = Database.CreateDbContext())
        {
            await db.SearchDocuments.ExecuteDeleteAsync();
        }

        (await FindAsync(owner, "zacharias")).IsEmpty.ShouldBeTrue();
        var backfill = Database.Get<SearchBackfill>();

        (await backfill.RunAsync()).ShouldBeGreaterThanOrEqualTo(2);
        (await backfill.RunAsync()).ShouldBe(0);
        (await FindAsync(owner, "nachricht")).Messages.ShouldHaveSingleItem();
        (await FindAsync(owner, "zacharias")).Contacts.ShouldHaveSingleItem();
    }
}

public sealed class SqliteSearchServiceTests() : SearchServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresSearchServiceTests(PostgresServer postgres) : SearchServiceTests(DatabaseProvider.Postgres, postgres)
{
    [Theory]
    [InlineData("paket", 6)]
    [InlineData("4711", 1)]
    [InlineData("pak numm", 6)]
    [InlineData("müll", 1)]
    [InlineData("zwiebel", 0)]
    public async Task MessageMatch_FindsTheSameDocuments_AsASortedSetOrNewestFirst(string typed, int expected)
    {
        await SetupOwnerAsync();
        for (var i = 0; i < 6; i++)
        {
            await NewConversationAsync($"Kunde {i}", $"Paket Nummer {i}");
        }

        await NewConversationAsync("Carla", "Bestellung 4711 für Frau Mueller");
        await using var db = Database.CreateDbContext();
        var query = SearchQuery.Parse(typed);

        async Task<List<long[]>> Found(int candidateLimit)
        {
            var found = new List<long[]>();
            foreach (var way in await PostgresMessageMatch.DocumentsAsync(db, query, candidateLimit, CancellationToken.None))
            {
                found.Add(await way.OrderByDescending(d => d.Id).Select(d => d.MessageId!.Value).ToArrayAsync());
            }

            return found;
        }

        // Read as a set (one way), and with a limit that leaves more than one match to the newest-first walk and then the planner.
        var asSet = await Found(PostgresMessageMatch.CandidateLimit);
        var walked = await Found(candidateLimit: 1);
        asSet.Count.ShouldBe(expected == 0 ? 0 : 1);
        asSet.SelectMany(ids => ids).Count().ShouldBe(expected);
        walked.Count.ShouldBe(expected switch { 0 => 0, 1 => 1, _ => 2 });
        walked.ShouldAllBe(ids => ids.SequenceEqual(asSet[0]));
    }
}
