namespace BizInbox.Domain.Contacts;

/// <summary>The fields a team member picks one of two contacts' values for when merging them.</summary>
/// <param name="Name">Take the other contact's name.</param>
/// <param name="Email">Take the other contact's email.</param>
/// <param name="Phone">Take the other contact's phone (and its WhatsApp id).</param>
/// <param name="Company">Take the other contact's company.</param>
/// <param name="Language">Take the other contact's language.</param>
public sealed record MergeChoices(bool Name = false, bool Email = false, bool Phone = false, bool Company = false, bool Language = false);

/// <summary>Everything stored on a contact's row, as it was at one moment: what an undone merge puts back.</summary>
public sealed record ContactSnapshot(
    Guid Id, string Name, string? Email, string? Phone, string? WhatsAppId, string? Company, string? Language,
    DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt, bool IsBlocked, bool IsSpam, DateTimeOffset? BlockedAt,
    bool HasConsent, DateTimeOffset? ConsentGivenAt, ConsentSource? ConsentSource, DateTimeOffset? ConsentWithdrawnAt)
{
    /// <summary>Whether the record fields (name to language) are the same in both.</summary>
    public bool SameRecord(ContactSnapshot other) =>
        (Name, Email, Phone, WhatsAppId, Company, Language) == (other.Name, other.Email, other.Phone, other.WhatsAppId, other.Company, other.Language);

    /// <summary>Whether block, spam report and consent are the same in both.</summary>
    public bool SameStanding(ContactSnapshot other) =>
        (IsBlocked, IsSpam, BlockedAt, HasConsent, ConsentGivenAt, ConsentSource, ConsentWithdrawnAt)
        == (other.IsBlocked, other.IsSpam, other.BlockedAt, other.HasConsent, other.ConsentGivenAt, other.ConsentSource, other.ConsentWithdrawnAt);
}

/// <summary>Merging two records of one customer, and taking a merge back.</summary>
public sealed partial class Contact
{
    /// <summary>The contact's row as it is now.</summary>
    public ContactSnapshot Snapshot() => new(Id, Name, Email, Phone, WhatsAppId, Company, Language, CreatedAt, LastSeenAt,
        IsBlocked, IsSpam, BlockedAt, HasConsent, ConsentGivenAt, ConsentSource, ConsentWithdrawnAt);

    /// <summary>A contact exactly as <paramref name="snapshot"/> describes it (an undone merge brings the other contact back).</summary>
    public static Contact Restore(ContactSnapshot snapshot)
    {
        var contact = new Contact { Id = snapshot.Id, CreatedAt = snapshot.CreatedAt };
        contact.RestoreRecord(snapshot);
        contact.RestoreStanding(snapshot);
        return contact;
    }

    /// <summary>
    /// Takes over <paramref name="other"/>, which is about to go: the fields <paramref name="choices"/> names (and any this
    /// contact lacks), the earliest creation and latest activity, and the stricter standing. An opt-out is never lost: a
    /// withdrawal on either side leaves the merged contact without consent; a block or spam report on either side stays.
    /// </summary>
    /// <exception cref="DomainException"><paramref name="other"/> is this contact.</exception>
    public ContactActivity Absorb(Contact other, MergeChoices choices, Team.TeamMember actor, DateTimeOffset now)
    {
        if (other.Id == Id)
        {
            throw new DomainException("contact.merge_same", "A contact cannot be merged with itself.");
        }

        Rename(choices.Name ? other.Name : Name);
        Email = choices.Email ? other.Email : Email ?? other.Email;
        var phoneFromOther = choices.Phone || (Phone is null && other.Phone is not null);
        Phone = phoneFromOther ? other.Phone : Phone;
        WhatsAppId = phoneFromOther && other.WhatsAppId is not null ? other.WhatsAppId : WhatsAppId ?? other.WhatsAppId;
        Company = choices.Company ? other.Company : Company ?? other.Company;
        Language = choices.Language ? other.Language : Language ?? other.Language;
        CreatedAt = other.CreatedAt < CreatedAt ? other.CreatedAt : CreatedAt;
        LastSeenAt = new[] { LastSeenAt, other.LastSeenAt }.Max();
        AbsorbStanding(other);
        return ContactActivity.Record(Id, ContactActivityKind.Merged, actor, other.Name, now);
    }

    /// <summary>Puts back what a merge changed on this contact, part by part: a part changed since the merge stays as it is now.</summary>
    public ContactActivity UndoAbsorb(ContactSnapshot before, ContactSnapshot after, string otherName, Team.TeamMember actor, DateTimeOffset now)
    {
        var current = Snapshot();
        if (current.SameRecord(after))
        {
            RestoreRecord(before with { CreatedAt = CreatedAt, LastSeenAt = LastSeenAt });
        }

        if (current.SameStanding(after))
        {
            RestoreStanding(before);
        }

        CreatedAt = before.CreatedAt;
        return ContactActivity.Record(Id, ContactActivityKind.MergeUndone, actor, otherName, now);
    }

    private void AbsorbStanding(Contact other)
    {
        IsSpam |= other.IsSpam;
        if (other.IsBlocked && !IsBlocked)
        {
            IsBlocked = true;
            BlockedAt = other.BlockedAt;
        }

        var withdrawn = new[] { this, other }.Where(c => !c.HasConsent && c.ConsentWithdrawnAt is not null).Select(c => c.ConsentWithdrawnAt).Max();
        if (withdrawn is not null)
        {
            HasConsent = false;
            ConsentWithdrawnAt = withdrawn;
            return;
        }

        if (other.HasConsent && (!HasConsent || other.ConsentGivenAt > ConsentGivenAt))
        {
            HasConsent = true;
            ConsentGivenAt = other.ConsentGivenAt;
            ConsentSource = other.ConsentSource;
            ConsentWithdrawnAt = null;
        }
    }

    private void RestoreRecord(ContactSnapshot s)
    {
        Rename(s.Name);
        (Email, Phone, WhatsAppId, Company, Language, LastSeenAt) = (s.Email, s.Phone, s.WhatsAppId, s.Company, s.Language, s.LastSeenAt);
    }

    private void RestoreStanding(ContactSnapshot s) =>
        (IsBlocked, IsSpam, BlockedAt, HasConsent, ConsentGivenAt, ConsentSource, ConsentWithdrawnAt) =
        (s.IsBlocked, s.IsSpam, s.BlockedAt, s.HasConsent, s.ConsentGivenAt, s.ConsentSource, s.ConsentWithdrawnAt);
}
