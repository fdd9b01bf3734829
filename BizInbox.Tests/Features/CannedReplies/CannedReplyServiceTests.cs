using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.CannedReplies;
using BizInbox.Web.Identity;

namespace BizInbox.Tests.Features.CannedReplies;

public abstract class CannedReplyServiceTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    private CannedReplyService Replies => Database.Get<CannedReplyService>();

    private static CannedReplyInput Shared(string shortcut, string text = "Hello!", params string[] buttons) => new(shortcut, text, buttons, Shared: true);

    private static CannedReplyInput Personal(string shortcut, string text = "Hello!", params string[] buttons) => new(shortcut, text, buttons, Shared: false);

    private async Task<(AppUser Owner, AppUser Manager, AppUser Agent, AppUser OtherAgent)> TeamAsync()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "mia@example.com");
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com");
        var other = await AddMemberAsync(owner, TeamRole.Agent, "eva@example.com");
        return (owner, manager, agent, other);
    }

    [Fact]
    public async Task Create_ThenList_ReturnsItWithButtons()
    {
        var (owner, _, _, _) = await TeamAsync();

        await Replies.CreateAsync(As(owner), Shared("/Yes-No", "Shall we?", "Yes", "No"));

        var row = (await Replies.ListAsync(As(owner))).ShouldHaveSingleItem();
        row.Shortcut.ShouldBe("yes-no");
        row.Text.ShouldBe("Shall we?");
        row.Buttons.ShouldBe(["Yes", "No"]);
        row.IsShared.ShouldBeTrue();
        row.CanEdit.ShouldBeTrue();
    }

    [Fact]
    public async Task List_ShowsSharedOnesAndOnlyTheMembersOwn_SharedFirst()
    {
        var (_, manager, agent, other) = await TeamAsync();
        await Replies.CreateAsync(As(manager), Shared("zz-shared"));
        await Replies.CreateAsync(As(agent), Personal("aa-mine"));
        await Replies.CreateAsync(As(other), Personal("bb-theirs"));

        var rows = await Replies.ListAsync(As(agent));

        rows.Select(r => (r.Shortcut, r.CanEdit)).ShouldBe([("zz-shared", false), ("aa-mine", true)]);
    }

    [Fact]
    public async Task Agent_MayNotCreateChangeOrDeleteSharedOnes()
    {
        var (_, manager, agent, _) = await TeamAsync();
        var id = await Replies.CreateAsync(As(manager), Shared("hi"));

        await ShouldFailWithAsync("canned.shared_not_allowed", () => Replies.CreateAsync(As(agent), Shared("other")));
        await ShouldFailWithAsync("canned.shared_not_allowed", () => Replies.UpdateAsync(As(agent), id, Shared("changed")));
        await ShouldFailWithAsync("canned.shared_not_allowed", () => Replies.DeleteAsync(As(agent), id));

        (await Replies.ListAsync(As(agent))).Select(r => r.Shortcut).ShouldBe(["hi"]);
    }

    [Fact]
    public async Task Members_CannotTouchSomeoneElsesPersonalReply_NotEvenAnOwner()
    {
        var (owner, _, agent, _) = await TeamAsync();
        var id = await Replies.CreateAsync(As(agent), Personal("mine", "Mine"));

        await ShouldFailWithAsync("canned.not_found", () => Replies.UpdateAsync(As(owner), id, Personal("mine", "Taken over")));
        await ShouldFailWithAsync("canned.not_found", () => Replies.DeleteAsync(As(owner), id));

        (await Replies.ListAsync(As(agent))).Single().Text.ShouldBe("Mine");
    }

    [Fact]
    public async Task Agent_ManagesTheirPersonalOnes()
    {
        var (_, _, agent, _) = await TeamAsync();
        var id = await Replies.CreateAsync(As(agent), Personal("mine", "First"));

        await Replies.UpdateAsync(As(agent), id, Personal("mine2", "Second", "Ok"));
        var row = (await Replies.ListAsync(As(agent))).Single();
        (row.Id, row.Shortcut, row.Text, row.IsShared, row.CanEdit).ShouldBe((id, "mine2", "Second", false, true));
        row.Buttons.ShouldBe(["Ok"]);

        await Replies.DeleteAsync(As(agent), id);
        (await Replies.ListAsync(As(agent))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Shortcuts_AreUniqueAmongWhatOneMemberCanUse()
    {
        var (_, manager, agent, other) = await TeamAsync();
        await Replies.CreateAsync(As(manager), Shared("hello"));
        await Replies.CreateAsync(As(agent), Personal("mine"));

        await ShouldFailWithAsync("canned.shortcut_taken_shared", () => Replies.CreateAsync(As(agent), Personal("hello")));
        await ShouldFailWithAsync("canned.shortcut_taken_shared", () => Replies.CreateAsync(As(manager), Shared("hello")));
        await ShouldFailWithAsync("canned.shortcut_taken_personal", () => Replies.CreateAsync(As(manager), Shared("mine")));
        await ShouldFailWithAsync("canned.shortcut_taken", () => Replies.CreateAsync(As(agent), Personal("mine")));

        await Replies.CreateAsync(As(other), Personal("mine"));
        (await Replies.ListAsync(As(other))).Select(r => r.Shortcut).ShouldBe(["hello", "mine"]);
    }

    [Fact]
    public async Task Update_KeepingItsOwnShortcut_IsNoClash()
    {
        var (owner, _, _, _) = await TeamAsync();
        var id = await Replies.CreateAsync(As(owner), Shared("hi", "Old"));

        await Replies.UpdateAsync(As(owner), id, Shared("hi", "New"));

        (await Replies.ListAsync(As(owner))).Single().Text.ShouldBe("New");
    }

    [Fact]
    public async Task Update_OntoAnotherShortcut_IsRefused_AndChangesNothing()
    {
        var (owner, _, _, _) = await TeamAsync();
        await Replies.CreateAsync(As(owner), Shared("hi", "Hi"));
        var id = await Replies.CreateAsync(As(owner), Shared("bye", "Bye"));

        await ShouldFailWithAsync("canned.shortcut_taken_shared", () => Replies.UpdateAsync(As(owner), id, Shared("hi", "Changed")));

        (await Replies.ListAsync(As(owner))).Select(r => (r.Shortcut, r.Text)).ShouldBe([("bye", "Bye"), ("hi", "Hi")]);
    }

    [Fact]
    public async Task Search_OffersShortcutPrefixMatchesFirst_ThenTextMatches()
    {
        var (owner, _, agent, other) = await TeamAsync();
        await Replies.CreateAsync(As(owner), Shared("zz-hours", "We open at nine."));
        await Replies.CreateAsync(As(owner), Shared("open", "Yes, we are."));
        await Replies.CreateAsync(As(agent), Personal("opening", "See you."));
        await Replies.CreateAsync(As(agent), Personal("aa-late", "OPENING late today."));
        await Replies.CreateAsync(As(other), Personal("open-other", "Not Ben's."));
        await Replies.CreateAsync(As(owner), Shared("bye", "Goodbye."));

        var found = await Replies.SearchAsync(As(agent), "Open");

        found.Select(r => r.Shortcut).ShouldBe(["open", "opening", "aa-late", "zz-hours"]);
    }

    [Fact]
    public async Task Search_IsLimited_AndAnEmptyQueryListsByShortcut()
    {
        var (owner, _, _, _) = await TeamAsync();
        foreach (var n in Enumerable.Range(1, 10))
        {
            await Replies.CreateAsync(As(owner), Shared($"r{n:00}", "Text"));
        }

        (await Replies.SearchAsync(As(owner), "")).Select(r => r.Shortcut).ShouldBe(Enumerable.Range(1, 8).Select(n => $"r{n:00}"));
        (await Replies.SearchAsync(As(owner), "text", limit: 3)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Search_TakesUnderscoreAndPercentLiterally()
    {
        var (owner, _, _, _) = await TeamAsync();
        await Replies.CreateAsync(As(owner), Shared("a_b", "Fifty-fifty"));
        await Replies.CreateAsync(As(owner), Shared("axb", "Half of it"));

        (await Replies.SearchAsync(As(owner), "a_")).Select(r => r.Shortcut).ShouldBe(["a_b"]);
        (await Replies.SearchAsync(As(owner), "%")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Fill_UsesTheContactTheAskingMemberAndTheBusiness_AndOnlyRepliesTheyMaySee()
    {
        var (_, manager, agent, other) = await TeamAsync();
        var id = await Replies.CreateAsync(As(agent), Personal("hi", "Hallo {{contact.first_name}}, {{agent.name}} von {{business.name}}. {{contact.phone}}"));

        var filled = await Replies.FillAsync(As(agent), id, "Clara Kundin");

        filled.Text.ShouldBe("Hallo Clara, ben von Bäckerei Olga. {{contact.phone}}");
        filled.Unfilled.Select(u => u.Name).ShouldBe(["contact.phone"]);
        await ShouldFailWithAsync("canned.not_found", () => Replies.FillAsync(As(other), id, "Clara Kundin"));
        await ShouldFailWithAsync("canned.not_found", () => Replies.FillAsync(As(manager), id, "Clara Kundin"));
    }

    [Fact]
    public async Task DeletingAMember_DeletesTheirPersonalReplies()
    {
        var (owner, _, agent, _) = await TeamAsync();
        await Replies.CreateAsync(As(agent), Personal("mine"));

        await using (var db = Database.CreateDbContext())
        {
            db.Users.Remove(db.Users.Single(u => u.Id == agent.Id));
            await db.SaveChangesAsync();
        }

        await using var check = Database.CreateDbContext();
        check.CannedReplies.Count().ShouldBe(0);
        (await Replies.ListAsync(As(owner))).ShouldBeEmpty();
    }

    [Fact]
    public async Task SomeoneOutsideTheTeam_IsRefused()
    {
        await TeamAsync();
        var stranger = Database.Member(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity()));

        await ShouldFailWithAsync("team.not_allowed", () => Replies.ListAsync(stranger));
        await ShouldFailWithAsync("team.not_allowed", () => Replies.SearchAsync(stranger, "a"));
    }
}

public sealed class SqliteCannedReplyServiceTests() : CannedReplyServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresCannedReplyServiceTests(PostgresServer postgres) : CannedReplyServiceTests(DatabaseProvider.Postgres, postgres);
