namespace BizInbox.Domain.Team;

/// <summary>
/// An invitation for one person to join the team in one role. It is single-use and expires.
/// Only a hash of the secret token is stored, so a leaked database does not leak usable links.
/// </summary>
public sealed class Invitation
{
    /// <summary>Longest address accepted, as in RFC 5321.</summary>
    public const int MaxEmailLength = EmailAddress.MaxLength;

    private Invitation()
    {
        Email = string.Empty;
        TokenHash = string.Empty;
        InvitedByUserId = string.Empty;
    }

    /// <summary>Identifier of the invitation.</summary>
    public Guid Id { get; private set; }

    /// <summary>The invitee's address, trimmed; compared case-insensitively.</summary>
    public string Email { get; private set; }

    /// <summary>The role the invitee receives on accepting.</summary>
    public TeamRole Role { get; private set; }

    /// <summary>SHA-256 of the secret token, as lowercase hex.</summary>
    public string TokenHash { get; private set; }

    /// <summary>The team member who sent it.</summary>
    public string InvitedByUserId { get; private set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it stops being usable.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When it was used, if it was.</summary>
    public DateTimeOffset? AcceptedAt { get; private set; }

    /// <summary>The account created with it, if it was used.</summary>
    public string? AcceptedByUserId { get; private set; }

    /// <summary>When it was withdrawn, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Creates an invitation after checking that the inviter may grant the role.</summary>
    public static Invitation Create(
        string email, TeamRole role, string invitedByUserId, TeamRole inviterRole,
        string tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        var trimmed = (email ?? string.Empty).Trim();
        if (!EmailAddress.IsPlausible(trimmed))
        {
            throw new DomainException("invitation.email_invalid", "The email address is not valid.");
        }

        if (!TeamRules.CanInvite(inviterRole, role))
        {
            throw new DomainException("invitation.role_not_allowed", $"A {inviterRole} cannot invite a {role}.");
        }

        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "An invitation must live for some time.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(invitedByUserId);

        return new Invitation
        {
            Id = Guid.NewGuid(),
            Email = trimmed,
            Role = role,
            TokenHash = tokenHash,
            InvitedByUserId = invitedByUserId,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
    }

    /// <summary>The invitation's state at <paramref name="now"/>.</summary>
    public InvitationStatus StatusAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationStatus.Accepted
        : RevokedAt is not null ? InvitationStatus.Revoked
        : now >= ExpiresAt ? InvitationStatus.Expired
        : InvitationStatus.Pending;

    /// <summary>Throws unless the invitation can be used now.</summary>
    public void EnsureUsable(DateTimeOffset now)
    {
        switch (StatusAt(now))
        {
            case InvitationStatus.Accepted:
                throw new DomainException("invitation.used", "This invitation has already been used.");
            case InvitationStatus.Revoked:
                throw new DomainException("invitation.revoked", "This invitation was withdrawn.");
            case InvitationStatus.Expired:
                throw new DomainException("invitation.expired", "This invitation has expired.");
        }
    }

    /// <summary>Marks the invitation as used by the account it created.</summary>
    public void Accept(string userId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        EnsureUsable(now);
        AcceptedAt = now;
        AcceptedByUserId = userId;
    }

    /// <summary>Withdraws a pending invitation.</summary>
    public void Revoke(DateTimeOffset now)
    {
        EnsureUsable(now);
        RevokedAt = now;
    }

    /// <summary>Replaces the secret (the old link stops working) and restarts the expiry.</summary>
    public void Renew(string tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        if (AcceptedAt is not null || RevokedAt is not null)
        {
            throw new DomainException("invitation.closed", "Only an unused invitation can be renewed.");
        }

        TokenHash = tokenHash;
        ExpiresAt = now + lifetime;
    }
}
