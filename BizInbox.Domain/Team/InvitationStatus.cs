namespace BizInbox.Domain.Team;

/// <summary>Where an invitation stands at a given moment.</summary>
public enum InvitationStatus
{
    /// <summary>Sent and still usable.</summary>
    Pending,

    /// <summary>Used to create an account; it cannot be used again.</summary>
    Accepted,

    /// <summary>Withdrawn by the team before it was used.</summary>
    Revoked,

    /// <summary>Not used before its expiry.</summary>
    Expired,
}
