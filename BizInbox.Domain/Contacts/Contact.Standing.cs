using BizInbox.Domain.Labels;
using BizInbox.Domain.Team;

namespace BizInbox.Domain.Contacts;

/// <summary>
/// The contact's standing with the team: labels, consent to business-initiated messages, block and spam report. Every
/// change returns the activity entries it produced, for the caller to store in the same transaction.
/// </summary>
public sealed partial class Contact
{
    private readonly List<ContactLabel> _labels = [];

    /// <summary>Labels attached to the contact.</summary>
    public IReadOnlyCollection<ContactLabel> Labels => _labels;

    /// <summary>Whether the contact's messages are kept but open nothing and notify nobody.</summary>
    public bool IsBlocked { get; private set; }

    /// <summary>Whether the contact was reported as spam (a spam contact is always blocked).</summary>
    public bool IsSpam { get; private set; }

    /// <summary>Since when the contact is blocked.</summary>
    public DateTimeOffset? BlockedAt { get; private set; }

    /// <summary>Whether the contact currently agrees to receive messages the business starts.</summary>
    public bool HasConsent { get; private set; }

    /// <summary>When the contact last gave consent (kept after a withdrawal, for the record).</summary>
    public DateTimeOffset? ConsentGivenAt { get; private set; }

    /// <summary>How the contact last gave consent.</summary>
    public ConsentSource? ConsentSource { get; private set; }

    /// <summary>When the contact withdrew consent, if they did since they last gave it.</summary>
    public DateTimeOffset? ConsentWithdrawnAt { get; private set; }

    /// <summary>Attaches a label; attaching it twice does nothing.</summary>
    public IReadOnlyList<ContactActivity> AddLabel(TeamMember actor, Label label, DateTimeOffset now)
    {
        if (_labels.Any(l => l.LabelId == label.Id))
        {
            return [];
        }

        _labels.Add(new ContactLabel(Id, label.Id));
        return [ContactActivity.Record(Id, ContactActivityKind.LabelAdded, actor, label.Name, now)];
    }

    /// <summary>Removes a label; removing an absent one does nothing.</summary>
    public IReadOnlyList<ContactActivity> RemoveLabel(TeamMember actor, Label label, DateTimeOffset now)
    {
        var existing = _labels.FirstOrDefault(l => l.LabelId == label.Id);
        if (existing is null)
        {
            return [];
        }

        _labels.Remove(existing);
        return [ContactActivity.Record(Id, ContactActivityKind.LabelRemoved, actor, label.Name, now)];
    }

    /// <summary>Blocks the contact; blocking a blocked contact does nothing.</summary>
    public IReadOnlyList<ContactActivity> Block(TeamMember actor, DateTimeOffset now)
    {
        if (IsBlocked)
        {
            return [];
        }

        IsBlocked = true;
        BlockedAt = now;
        return [ContactActivity.Record(Id, ContactActivityKind.Blocked, actor, null, now)];
    }

    /// <summary>Reports the contact as spam, which blocks them as well; reporting twice does nothing.</summary>
    public IReadOnlyList<ContactActivity> ReportSpam(TeamMember actor, DateTimeOffset now)
    {
        if (IsSpam)
        {
            return [];
        }

        IsSpam = true;
        IsBlocked = true;
        BlockedAt ??= now;
        return [ContactActivity.Record(Id, ContactActivityKind.ReportedSpam, actor, null, now)];
    }

    /// <summary>Lifts a block and takes back a spam report; an unblocked contact stays as it is.</summary>
    public IReadOnlyList<ContactActivity> Unblock(TeamMember actor, DateTimeOffset now)
    {
        if (!IsBlocked)
        {
            return [];
        }

        IsBlocked = false;
        IsSpam = false;
        BlockedAt = null;
        return [ContactActivity.Record(Id, ContactActivityKind.Unblocked, actor, null, now)];
    }

    /// <summary>Records that the contact agreed, at <paramref name="givenAt"/> and in the way <paramref name="source"/>, to receive messages the business starts.</summary>
    /// <exception cref="DomainException">The consent is dated in the future.</exception>
    public IReadOnlyList<ContactActivity> GrantConsent(TeamMember actor, ConsentSource source, DateTimeOffset givenAt, DateTimeOffset now)
    {
        if (!Enum.IsDefined(source))
        {
            throw new DomainException("contact.consent_source_invalid", "Please choose how the contact agreed.");
        }

        if (givenAt > now)
        {
            throw new DomainException("contact.consent_in_future", "Consent cannot be dated in the future.");
        }

        if (HasConsent && ConsentSource == source && ConsentGivenAt == givenAt)
        {
            return [];
        }

        HasConsent = true;
        ConsentGivenAt = givenAt;
        ConsentSource = source;
        ConsentWithdrawnAt = null;
        return [ContactActivity.Record(Id, ContactActivityKind.ConsentGranted, actor, source.ToString(), now)];
    }

    /// <summary>Records that the contact withdrew their consent; without consent nothing changes.</summary>
    public IReadOnlyList<ContactActivity> WithdrawConsent(TeamMember actor, DateTimeOffset now)
    {
        if (!HasConsent)
        {
            return [];
        }

        HasConsent = false;
        ConsentWithdrawnAt = now;
        return [ContactActivity.Record(Id, ContactActivityKind.ConsentWithdrawn, actor, null, now)];
    }
}

/// <summary>A label attached to a contact.</summary>
/// <param name="ContactId">The contact.</param>
/// <param name="LabelId">The label.</param>
public sealed record ContactLabel(Guid ContactId, int LabelId);
