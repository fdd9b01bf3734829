using BizInbox.Domain.Team;
using BizInbox.Web.Features.Team;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BizInbox.Tests.Components.Team;

/// <summary>The members and invitations tables: what each row shows and offers for the member's state and the viewer's rights.</summary>
public sealed class TeamGridsTests : ComponentTest
{
    private readonly List<string> _asked = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync();
    }

    private static TeamMemberRow Member(string name, bool active = true, bool locked = false, bool canManage = true, bool isYou = false) =>
        new(name.ToLowerInvariant(), name, $"{name.Split(' ')[0].ToLowerInvariant()}@example.com", TeamRole.Agent, active, locked,
            DateTimeOffset.UtcNow, isYou, canManage);

    private IRenderedComponent<MembersGrid> RenderMembers(IReadOnlyList<TeamRole> grantable, params TeamMemberRow[] members) =>
        Render<MembersGrid>(p => p
            .Add(g => g.Load, (_, _) => Task.FromResult(new MemberPage(members, members.Length)))
            .Add(g => g.GrantableRoles, grantable)
            .Add(g => g.OnDeactivate, EventCallback.Factory.Create<TeamMemberRow>(this, m => _asked.Add($"deactivate {m.DisplayName}")))
            .Add(g => g.OnReactivate, EventCallback.Factory.Create<TeamMemberRow>(this, m => _asked.Add($"reactivate {m.DisplayName}")))
            .Add(g => g.OnUnlock, EventCallback.Factory.Create<TeamMemberRow>(this, m => _asked.Add($"unlock {m.DisplayName}")))
            .Add(g => g.OnChangeRole, EventCallback.Factory.Create<MembersGrid.RoleChange>(this, c => _asked.Add($"{c.Role} {c.Member.DisplayName}"))));

    private static AngleSharp.Dom.IElement Row<T>(IRenderedComponent<T> grid, string text) where T : IComponent =>
        grid.FindAll("tbody tr").Single(r => r.TextContent.Contains(text, StringComparison.Ordinal));

    private static string[] Buttons(AngleSharp.Dom.IElement row) =>
        row.QuerySelectorAll("button").Select(b => b.GetAttribute("aria-label") ?? b.TextContent.Trim()).ToArray();

    private static string Status(AngleSharp.Dom.IElement row) => row.QuerySelector("td[data-label=Status]")!.TextContent.Trim();

    [Fact]
    public void ALockedOutMember_IsMarkedLocked_AndCanBeUnlockedOrDeactivated()
    {
        var grid = RenderMembers([TeamRole.Agent], Member("Lars Locked", locked: true));

        var row = Row(grid, "Lars Locked");
        Status(row).ShouldBe("Locked");
        Buttons(row).ShouldBe(["Unlock Lars Locked", "Password reset link Lars Locked", "Sign out everywhere Lars Locked", "Deactivate Lars Locked"]);
        row.QuerySelector("button[aria-label='Unlock Lars Locked']")!.Click();

        _asked.ShouldBe(["unlock Lars Locked"]);
    }

    [Fact]
    public void ADeactivatedMember_CanOnlyBeReactivated_EvenIfLockedOut()
    {
        var grid = RenderMembers([TeamRole.Agent], Member("Dora Deaktiviert", active: false, locked: true));

        var row = Row(grid, "Dora Deaktiviert");
        Status(row).ShouldBe("Deactivated");
        Buttons(row).ShouldBe(["Reactivate Dora Deaktiviert"]);
        row.QuerySelector("button")!.Click();

        _asked.ShouldBe(["reactivate Dora Deaktiviert"]);
    }

    [Fact]
    public void AMemberTheViewerMayNotManage_OffersNothing_AndTheirRoleIsPlainText()
    {
        var grid = RenderMembers([TeamRole.Manager, TeamRole.Agent], Member("Mia Manager", canManage: false), Member("Olga Owner", canManage: false, isYou: true));

        var mia = Row(grid, "Mia Manager");
        Status(mia).ShouldBe("Active");
        Buttons(mia).ShouldBeEmpty();
        mia.QuerySelector(".mud-select").ShouldBeNull();
        mia.QuerySelector("td[data-label=Role]")!.TextContent.Trim().ShouldBe("Agent");
        Row(grid, "Olga Owner").QuerySelector(".mud-chip")!.TextContent.Trim().ShouldBe("you");
        mia.QuerySelectorAll(".mud-chip").Select(c => c.TextContent.Trim()).ShouldBe(["Active"]);
    }

    [Fact]
    public void WithOnlyOneRoleToGrant_TheRoleIsNotAChoice()
    {
        var grid = RenderMembers([TeamRole.Agent], Member("Anna Agent"));

        Row(grid, "Anna Agent").QuerySelector(".mud-select").ShouldBeNull();
        Buttons(Row(grid, "Anna Agent")).ShouldBe(["Password reset link Anna Agent", "Sign out everywhere Anna Agent", "Deactivate Anna Agent"]);
    }

    [Fact]
    public void TheMembers_AreAskedForByPage_AndBySearchAndSortOrder()
    {
        var asked = new List<MemberQuery>();
        var everyone = Enumerable.Range(1, 60).Select(i => Member($"Agent {i:00}")).ToArray();
        var grid = Render<MembersGrid>(p => p.Add(g => g.Load, (query, _) =>
        {
            asked.Add(query);
            var matching = everyone.Where(m => query.Search is null || m.DisplayName.Contains(query.Search, StringComparison.OrdinalIgnoreCase)).ToArray();
            return Task.FromResult(new MemberPage([.. matching.Skip(query.Page * query.PageSize).Take(query.PageSize)], matching.Length));
        }));

        grid.WaitForAssertion(() => grid.FindAll("tbody tr").Count.ShouldBe(25));
        asked[^1].ShouldBe(new MemberQuery(PageSize: 25));
        grid.Markup.ShouldContain("1-25 of 60");

        grid.Find("input[aria-label='Search members']").Input("agent 4");
        grid.WaitForAssertion(() => asked[^1].Search.ShouldBe("agent 4"));
        grid.WaitForAssertion(() => grid.FindAll("tbody tr").Count.ShouldBe(10));

        grid.FindAll("th").First(h => h.TextContent.Contains("Email", StringComparison.Ordinal)).QuerySelector(".sortable-column-header")!.Click();
        grid.WaitForAssertion(() => (asked[^1].Sort, asked[^1].Descending, asked[^1].Search).ShouldBe((MemberSort.Email, false, "agent 4")));
    }

    [Fact]
    public void ASearchWithoutMatches_SaysSo()
    {
        var grid = Render<MembersGrid>(p => p.Add(g => g.Load, (query, _) =>
            Task.FromResult(query.Search is null ? new MemberPage([Member("Anna Agent")], 1) : new MemberPage([], 0))));

        grid.Find("input[aria-label='Search members']").Input("zzz");

        grid.WaitForAssertion(() => grid.Markup.ShouldContain("No member matches this search."));
    }

    [Fact]
    public void AnExpiredInvitation_SaysSo_AndBothInvitationsOfferANewLinkAndWithdrawal()
    {
        var now = Database.Clock.GetUtcNow();
        var renewed = new List<string>();
        var grid = Render<InvitationsGrid>(p => p
            .Add(g => g.Invitations, [
                new InvitationRow(Guid.NewGuid(), "alt@example.com", TeamRole.Agent, "Olga Owner", now.AddDays(-9), now.AddDays(-2), InvitationStatus.Expired),
                new InvitationRow(Guid.NewGuid(), "neu@example.com", TeamRole.Manager, "Olga Owner", now, now.AddDays(7), InvitationStatus.Pending),
            ])
            .Add(g => g.OnRenew, EventCallback.Factory.Create<InvitationRow>(this, i => renewed.Add(i.Email))));

        Row(grid, "alt@example.com").QuerySelector("td[data-label=Expires]")!.TextContent.Trim().ShouldBe("Expired");
        var fresh = Row(grid, "neu@example.com");
        fresh.QuerySelector("td[data-label=Expires]")!.TextContent.Trim().ShouldNotBe("Expired");
        fresh.QuerySelector("td[data-label=Role]")!.TextContent.Trim().ShouldBe("Manager");
        Buttons(Row(grid, "alt@example.com")).ShouldBe(["New link: alt@example.com", "Withdraw: alt@example.com"]);
        Row(grid, "alt@example.com").QuerySelector("button")!.Click();

        renewed.ShouldBe(["alt@example.com"]);
    }

    [Fact]
    public void WithoutInvitations_SaysSo()
    {
        Render<InvitationsGrid>().Markup.ShouldContain("No open invitations.");
    }
}
