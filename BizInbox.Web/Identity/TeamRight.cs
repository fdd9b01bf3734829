using BizInbox.Domain;
using BizInbox.Domain.Team;

namespace BizInbox.Web.Identity;

/// <summary>
/// What a verb requires of the acting member, with the refusal the UI translates: one row per kind of check, so
/// that each verb states its check once (<see cref="CurrentMember.RequireAsync(TeamRight, CancellationToken)"/>).
/// </summary>
public sealed class TeamRight
{
    private const string NotAllowed = "team.not_allowed";
    private const string TeamAdmins = "Only owners and managers can manage the team.";

    private readonly Func<TeamRole, bool> _allows;
    private readonly (string Code, string Message) _wrongRole;
    private readonly (string Code, string Message) _noMember;

    private TeamRight(Func<TeamRole, bool> allows, (string, string) wrongRole, (string, string)? noMember = null)
    {
        _allows = allows;
        _wrongRole = wrongRole;
        _noMember = noMember ?? wrongRole;
    }

    public static readonly TeamRight WorkInInbox = Everyone("Only active team members can work in the inbox.");
    public static readonly TeamRight SeeContacts = Everyone("Only members of the team can see contacts.");
    public static readonly TeamRight UseCannedReplies = Everyone("Only members of the team can use canned replies.");

    public static readonly TeamRight ManageTeam = new(TeamRules.CanOpenTeam, (NotAllowed, TeamAdmins));
    public static readonly TeamRight ReadReports = ManageTeam;
    public static readonly TeamRight MergeContacts = new(TeamRules.CanOpenTeam, ("contact.merge_not_allowed", "Only owners and managers may merge contacts."));
    public static readonly TeamRight EraseContacts = new(TeamRules.CanOpenTeam, ("contact.erase_not_allowed", "Only owners and managers may erase contacts."));
    public static readonly TeamRight TransferContacts = new(
        TeamRules.CanOpenTeam, ("contact.transfer_not_allowed", "Only owners and managers can import or export contacts."), (NotAllowed, "Only members of the team can see contacts."));

    public static readonly TeamRight ManageChannels = OwnerOnly("Only the owner manages channels.");
    public static readonly TeamRight ReadAuditLog = OwnerOnly("Only the owner reads the audit log.");
    public static readonly TeamRight UseSimulator = OwnerOnly("Only the owner uses the simulator.");
    public static readonly TeamRight RequireTwoFactor = OwnerOnly("Only an owner can require two-factor sign-in.", "Only an owner can require two-factor sign-in.");
    public static readonly TeamRight EditBusinessProfile = new(role => role == TeamRole.Owner, ("profile.owner_only", "Only the owner edits the business profile."));

    /// <summary>Whether <paramref name="actor"/> (null: not an active member) passes; otherwise the refusal to throw.</summary>
    internal DomainException? Check(Actor? actor) => actor switch
    {
        null => new DomainException(_noMember.Code, _noMember.Message),
        _ when !_allows(actor.Role) => new DomainException(_wrongRole.Code, _wrongRole.Message),
        _ => null,
    };

    private static TeamRight Everyone(string message) => new(_ => true, (NotAllowed, message));

    private static TeamRight OwnerOnly(string message, string? nonMemberMessage = null) =>
        new(role => role == TeamRole.Owner, (NotAllowed, message), (NotAllowed, nonMemberMessage ?? TeamAdmins));
}
