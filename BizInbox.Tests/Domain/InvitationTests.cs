using BizInbox.Domain;
using BizInbox.Domain.Team;

namespace BizInbox.Tests.Domain;

public class InvitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private static Invitation Create(TeamRole role = TeamRole.Agent, TeamRole inviter = TeamRole.Owner) =>
        Invitation.Create(" ben@example.com ", role, "owner-1", inviter, "hash-1", Now, Week);

    [Fact]
    public void Create_TrimsTheAddressAndStartsPending()
    {
        var invitation = Create();

        invitation.Email.ShouldBe("ben@example.com");
        invitation.ExpiresAt.ShouldBe(Now + Week);
        invitation.StatusAt(Now).ShouldBe(InvitationStatus.Pending);
    }

    [Fact]
    public void Create_WhenInviterMayNotGrantTheRole_IsRefused() =>
        Should.Throw<DomainException>(() => Create(TeamRole.Manager, inviter: TeamRole.Manager))
            .Code.ShouldBe("invitation.role_not_allowed");

    [Fact]
    public void Create_WithAnInvalidAddress_IsRefused() =>
        Should.Throw<DomainException>(() => Invitation.Create("nope", TeamRole.Agent, "o", TeamRole.Owner, "h", Now, Week))
            .Code.ShouldBe("invitation.email_invalid");

    [Fact]
    public void Accept_UsesItUp_SoASecondAcceptIsRefused()
    {
        var invitation = Create();
        invitation.Accept("user-1", Now.AddHours(1));

        invitation.StatusAt(Now.AddHours(2)).ShouldBe(InvitationStatus.Accepted);
        invitation.AcceptedByUserId.ShouldBe("user-1");
        Should.Throw<DomainException>(() => invitation.Accept("user-2", Now.AddHours(2))).Code.ShouldBe("invitation.used");
    }

    [Fact]
    public void Accept_AtTheExpiryInstant_IsRefused()
    {
        var invitation = Create();

        invitation.StatusAt(Now + Week - TimeSpan.FromTicks(1)).ShouldBe(InvitationStatus.Pending);
        Should.Throw<DomainException>(() => invitation.Accept("user-1", Now + Week)).Code.ShouldBe("invitation.expired");
    }

    [Fact]
    public void Revoke_MakesItUnusable()
    {
        var invitation = Create();
        invitation.Revoke(Now.AddMinutes(5));

        invitation.StatusAt(Now.AddMinutes(6)).ShouldBe(InvitationStatus.Revoked);
        Should.Throw<DomainException>(() => invitation.Accept("user-1", Now.AddMinutes(6))).Code.ShouldBe("invitation.revoked");
    }

    [Fact]
    public void Renew_ReplacesTheSecretAndRestartsTheExpiry_EvenAfterExpiry()
    {
        var invitation = Create();
        var later = Now + Week + TimeSpan.FromDays(1);

        invitation.Renew("hash-2", later, Week);

        invitation.TokenHash.ShouldBe("hash-2");
        invitation.StatusAt(later).ShouldBe(InvitationStatus.Pending);
        invitation.ExpiresAt.ShouldBe(later + Week);
    }

    [Fact]
    public void Renew_AfterAcceptance_IsRefused()
    {
        var invitation = Create();
        invitation.Accept("user-1", Now);

        Should.Throw<DomainException>(() => invitation.Renew("hash-2", Now, Week)).Code.ShouldBe("invitation.closed");
    }
}
