using BizInbox.Domain.Team;

namespace BizInbox.Tests.Domain;

public class TeamRulesTests
{
    [Theory]
    [InlineData(TeamRole.Owner, TeamRole.Owner, false)]
    [InlineData(TeamRole.Owner, TeamRole.Manager, true)]
    [InlineData(TeamRole.Owner, TeamRole.Agent, true)]
    [InlineData(TeamRole.Manager, TeamRole.Owner, false)]
    [InlineData(TeamRole.Manager, TeamRole.Manager, false)]
    [InlineData(TeamRole.Manager, TeamRole.Agent, true)]
    [InlineData(TeamRole.Agent, TeamRole.Owner, false)]
    [InlineData(TeamRole.Agent, TeamRole.Manager, false)]
    [InlineData(TeamRole.Agent, TeamRole.Agent, false)]
    public void CanInvite_FollowsTheRoleLadder(TeamRole actor, TeamRole role, bool allowed) =>
        TeamRules.CanInvite(actor, role).ShouldBe(allowed);

    [Theory]
    [InlineData(TeamRole.Owner, true)]
    [InlineData(TeamRole.Manager, true)]
    [InlineData(TeamRole.Agent, false)]
    public void CanOpenTeam_OnlyForOwnersAndManagers(TeamRole actor, bool allowed) =>
        TeamRules.CanOpenTeam(actor).ShouldBe(allowed);

    [Theory]
    [InlineData("anna@example.com", true)]
    [InlineData("a.b+tag@sub.example.de", true)]
    [InlineData("", false)]
    [InlineData("anna", false)]
    [InlineData("anna@", false)]
    [InlineData("@example.com", false)]
    [InlineData("anna@example", false)]
    [InlineData("anna@example.", false)]
    [InlineData("an na@example.com", false)]
    [InlineData("anna@@example.com", false)]
    [InlineData("anna@.com", false)]
    public void EmailAddress_IsPlausible(string value, bool plausible) =>
        EmailAddress.IsPlausible(value).ShouldBe(plausible);
}
