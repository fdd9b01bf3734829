namespace BizInbox.Domain.Contacts;

/// <summary>
/// A merge of one contact into another, kept for <see cref="UndoPeriod"/> so that it can be undone exactly: the
/// <see cref="Record"/> says what moved where and holds the merged-away contact's original values.
/// </summary>
public sealed class ContactMerge
{
    /// <summary>How long a merge can be undone.</summary>
    public static readonly TimeSpan UndoPeriod = TimeSpan.FromDays(30);

    private ContactMerge()
    {
        LoserName = string.Empty;
        Record = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public long Id { get; private set; }

    /// <summary>The contact that stayed.</summary>
    public Guid SurvivorId { get; private set; }

    /// <summary>The contact that was merged away (its row is gone until the merge is undone).</summary>
    public Guid LoserId { get; private set; }

    /// <summary>The merged-away contact's name, for the lists that offer the undo.</summary>
    public string LoserName { get; private set; }

    /// <summary>When it was merged.</summary>
    public DateTimeOffset MergedAt { get; private set; }

    /// <summary>The serialized record of what moved (opaque to the domain).</summary>
    public string Record { get; private set; }

    /// <summary>A merge recorded now.</summary>
    public static ContactMerge Of(Guid survivorId, Guid loserId, string loserName, string record, DateTimeOffset now) =>
        new() { SurvivorId = survivorId, LoserId = loserId, LoserName = loserName, Record = record, MergedAt = now };

    /// <summary>Whether it can still be undone at <paramref name="now"/>.</summary>
    public bool CanBeUndoneAt(DateTimeOffset now) => now < MergedAt + UndoPeriod;
}

/// <summary>A team member's word that two contacts are not one customer: the pair is not suggested again.</summary>
public sealed class DuplicateDismissal
{
    private DuplicateDismissal()
    {
    }

    /// <summary>The contact with the smaller id.</summary>
    public Guid FirstId { get; private set; }

    /// <summary>The contact with the larger id.</summary>
    public Guid SecondId { get; private set; }

    /// <summary>When it was dismissed.</summary>
    public DateTimeOffset DismissedAt { get; private set; }

    /// <summary>The dismissal of the pair, in either order.</summary>
    public static DuplicateDismissal Of(Guid a, Guid b, DateTimeOffset now)
    {
        var (first, second) = Duplicates.KeyOf(a, b);
        return new DuplicateDismissal { FirstId = first, SecondId = second, DismissedAt = now };
    }
}
