using BizInbox.Domain.Team;

namespace BizInbox.Domain.Contacts;

/// <summary>Something a team member wrote down about a contact, for the rest of the team; the customer never sees it.</summary>
public sealed class ContactNote
{
    /// <summary>Longest note accepted.</summary>
    public const int MaxTextLength = 2000;

    private ContactNote()
    {
        AuthorId = string.Empty;
        Text = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public long Id { get; private set; }

    /// <summary>The contact the note is about.</summary>
    public Guid ContactId { get; private set; }

    /// <summary>The member who wrote it.</summary>
    public string AuthorId { get; private set; }

    /// <summary>What they wrote.</summary>
    public string Text { get; private set; }

    /// <summary>When they wrote it.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A note by <paramref name="authorId"/>, after checking its text.</summary>
    public static ContactNote Write(Guid contactId, string authorId, string text, DateTimeOffset now)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new DomainException("contact.note_required", "Please write a note.");
        }

        if (trimmed.Length > MaxTextLength)
        {
            throw new DomainException("contact.note_too_long", $"A note may have at most {MaxTextLength} characters.");
        }

        return new ContactNote { ContactId = contactId, AuthorId = authorId, Text = trimmed, CreatedAt = now };
    }

    /// <summary>Its author may take a note back, and owners and managers may remove any note.</summary>
    public bool CanBeDeletedBy(string memberId, TeamRole role) => memberId == AuthorId || role is TeamRole.Owner or TeamRole.Manager;

    /// <summary>Checks that <paramref name="memberId"/> may delete the note.</summary>
    /// <exception cref="DomainException">Someone else's note, and the member is an agent.</exception>
    public void EnsureCanBeDeletedBy(string memberId, TeamRole role)
    {
        if (!CanBeDeletedBy(memberId, role))
        {
            throw new DomainException("contact.note_not_yours", "Only its author or a manager may delete this note.");
        }
    }
}
