namespace BizInbox.Domain.Reporting;

/// <summary>
/// The business's reporting settings (one row): the targets that "answered within target" is measured against, and
/// whether the one-time backfill of facts for conversations older than fact recording has run.
/// </summary>
public sealed class ReportSettings
{
    /// <summary>The single row's id.</summary>
    public const int SingletonId = 1;

    /// <summary>Longest target accepted (30 days).</summary>
    public static readonly TimeSpan MaxTarget = TimeSpan.FromDays(30);

    private ReportSettings()
    {
    }

    /// <summary>Always <see cref="SingletonId"/>.</summary>
    public int Id { get; private set; }

    /// <summary>First response target (default 5 minutes).</summary>
    public TimeSpan FirstResponseTarget { get; private set; }

    /// <summary>Reply target (default 15 minutes).</summary>
    public TimeSpan ReplyTarget { get; private set; }

    /// <summary>Resolution target (default 1 day).</summary>
    public TimeSpan ResolutionTarget { get; private set; }

    /// <summary>When existing conversations got their facts; null until the backfill ran.</summary>
    public DateTimeOffset? BackfilledAt { get; private set; }

    /// <summary>The defaults, before anyone changed a target.</summary>
    public static ReportSettings Default() => new()
    {
        Id = SingletonId,
        FirstResponseTarget = TimeSpan.FromMinutes(5),
        ReplyTarget = TimeSpan.FromMinutes(15),
        ResolutionTarget = TimeSpan.FromDays(1),
    };

    /// <summary>The target for a time metric.</summary>
    public TimeSpan TargetFor(FactKind kind) => kind switch
    {
        FactKind.FirstResponse => FirstResponseTarget,
        FactKind.Reply => ReplyTarget,
        FactKind.Resolved => ResolutionTarget,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a time metric."),
    };

    /// <summary>Changes the targets; each must be more than zero and at most <see cref="MaxTarget"/>.</summary>
    public void ChangeTargets(TimeSpan firstResponse, TimeSpan reply, TimeSpan resolution)
    {
        FirstResponseTarget = Valid(firstResponse);
        ReplyTarget = Valid(reply);
        ResolutionTarget = Valid(resolution);
    }

    /// <summary>Records that the backfill ran.</summary>
    public void Backfilled(DateTimeOffset at) => BackfilledAt = at;

    private static TimeSpan Valid(TimeSpan target) => target > TimeSpan.Zero && target <= MaxTarget
        ? target
        : throw new DomainException("report.target_invalid", "A target must be more than zero and at most 30 days.");
}
