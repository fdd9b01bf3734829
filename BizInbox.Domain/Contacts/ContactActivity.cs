using BizInbox.Domain.Team;

namespace BizInbox.Domain.Contacts;

/// <summary>What happened to a contact's record.</summary>
public enum ContactActivityKind
{
    /// <summary>The actor attached the label named by the target.</summary>
    LabelAdded = 1,

    /// <summary>The actor removed the label named by the target.</summary>
    LabelRemoved,

    /// <summary>The actor blocked the contact.</summary>
    Blocked,

    /// <summary>The actor reported the contact as spam (which blocks them too).</summary>
    ReportedSpam,

    /// <summary>The actor unblocked the contact (and took back a spam report).</summary>
    Unblocked,

    /// <summary>The actor recorded the contact's consent; the target names how it was given (<see cref="ConsentSource"/>).</summary>
    ConsentGranted,

    /// <summary>The actor recorded that the contact withdrew their consent.</summary>
    ConsentWithdrawn,

    /// <summary>The actor merged the contact named by the target into this one.</summary>
    Merged,

    /// <summary>The actor undid the merge of the contact named by the target into this one.</summary>
    MergeUndone,
}

/// <summary>
/// One entry of a contact's activity log: who did what to the record and when. The actor's name is kept as it was,
/// so that the log still reads right after a member is renamed or leaves.
/// </summary>
public sealed class ContactActivity
{
    /// <summary>Longest target kept (a label's name or a consent source).</summary>
    public const int MaxTargetLength = 100;

    private ContactActivity()
    {
    }

    /// <summary>Identifier; later entries have larger ones.</summary>
    public long Id { get; private set; }

    /// <summary>The contact it happened to.</summary>
    public Guid ContactId { get; private set; }

    /// <summary>What happened.</summary>
    public ContactActivityKind Kind { get; private set; }

    /// <summary>The member who did it, or null when the system did.</summary>
    public string? ActorId { get; private set; }

    /// <summary>The member's name when they did it.</summary>
    public string? ActorName { get; private set; }

    /// <summary>What it was done with: a label's name, a consent source.</summary>
    public string? Target { get; private set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    internal static ContactActivity Record(Guid contactId, ContactActivityKind kind, TeamMember? actor, string? target, DateTimeOffset now) => new()
    {
        ContactId = contactId,
        Kind = kind,
        ActorId = actor?.UserId,
        ActorName = actor?.Name,
        Target = target is { Length: > MaxTargetLength } ? target[..MaxTargetLength] : target,
        CreatedAt = now,
    };
}
