using BizInbox.Web.Identity;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;

namespace BizInbox.Tests.Features.Inbox;

public abstract class DraftServiceTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    private DraftService Drafts => Database.Get<DraftService>();

    [Fact]
    public async Task Save_KeepsOneDraftPerAgentAndConversation_TheLatestTextAndModeWin()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Clara Kundin");

        await Drafts.SaveAsync(As(owner), conversationId, "Liebe Clara", DraftMode.Reply);
        Clock.Advance(TimeSpan.FromSeconds(5));
        await Drafts.SaveAsync(As(owner), conversationId, "Liebe Clara, Ihr Kuchen 🎂 ist fertig. Grüße", DraftMode.Note);

        (await Drafts.FindAsync(As(owner), conversationId)).ShouldBe(
            new DraftView("Liebe Clara, Ihr Kuchen 🎂 ist fertig. Grüße", DraftMode.Note, Clock.GetUtcNow()));
        await using var db = Database.CreateDbContext();
        db.Drafts.Count().ShouldBe(1);
    }

    [Fact]
    public async Task Drafts_ArePrivate_EachAgentReadsAndWritesOnlyTheirOwn()
    {
        var owner = await SetupOwnerAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var conversationId = await NewConversationAsync("Clara Kundin");

        await Drafts.SaveAsync(As(owner), conversationId, "Olgas Entwurf", DraftMode.Reply);
        await Drafts.SaveAsync(As(anna), conversationId, "Annas Entwurf", DraftMode.Note);

        (await Drafts.FindAsync(As(owner), conversationId))!.Text.ShouldBe("Olgas Entwurf");
        (await Drafts.FindAsync(As(anna), conversationId))!.Text.ShouldBe("Annas Entwurf");
        await Drafts.DiscardAsync(As(anna), conversationId);
        (await Drafts.FindAsync(As(anna), conversationId)).ShouldBeNull();
        (await Drafts.FindAsync(As(owner), conversationId))!.Text.ShouldBe("Olgas Entwurf");
    }

    [Fact]
    public async Task BlankText_DiscardsTheDraft()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Clara Kundin");
        await Drafts.SaveAsync(As(owner), conversationId, "Etwas", DraftMode.Reply);

        await Drafts.SaveAsync(As(owner), conversationId, " \n ", DraftMode.Reply);

        (await Drafts.FindAsync(As(owner), conversationId)).ShouldBeNull();
    }

    [Fact]
    public async Task Save_RefusesAnUnknownConversation_AndSomeoneWhoIsNotAMember()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Clara Kundin");

        await ShouldFailWithAsync("conversation.not_found", () => Drafts.SaveAsync(As(owner), conversationId + 1000, "x", DraftMode.Reply));
        var stranger = Database.Member(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "not-a-member")], "Test")));
        await Should.ThrowAsync<Exception>(() => Drafts.SaveAsync(stranger, conversationId, "x", DraftMode.Reply));
        await Should.ThrowAsync<Exception>(() => Drafts.FindAsync(stranger, conversationId));
    }

    [Fact]
    public async Task Save_RefusesTextLongerThanTheBoxAllows()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Clara Kundin");

        await ShouldFailWithAsync("draft.too_long", () => Drafts.SaveAsync(As(owner), conversationId, new string('x', Draft.MaxTextLength + 1), DraftMode.Reply));
        await Drafts.SaveAsync(As(owner), conversationId, new string('x', Draft.MaxTextLength), DraftMode.Reply);
    }
}

public sealed class SqliteDraftServiceTests() : DraftServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresDraftServiceTests(PostgresServer postgres) : DraftServiceTests(DatabaseProvider.Postgres, postgres);
