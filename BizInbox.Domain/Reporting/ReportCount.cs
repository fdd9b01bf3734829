namespace BizInbox.Domain.Reporting;

/// <summary>
/// How many facts of a countable kind (opened, reopened, resolved, messages in and out) happened in one quarter hour,
/// inbox and agent: the rollup that unfiltered reports count from instead of reading every message fact. It is kept in
/// the same transaction as the facts themselves, so it always equals their count.
/// </summary>
public sealed class ReportCount
{
    /// <summary>The <see cref="AgentId"/> of facts without an agent (the customer's doing); part of the key, so never null.</summary>
    public const string NoAgent = "";

    /// <summary>The kinds that are counted (and not timed only).</summary>
    public static readonly IReadOnlyList<FactKind> Kinds = [FactKind.Opened, FactKind.Reopened, FactKind.Resolved, FactKind.MessageIn, FactKind.MessageOut];

    private ReportCount()
    {
    }

    /// <summary>What happened.</summary>
    public FactKind Kind { get; private set; }

    /// <summary>The quarter hour (<see cref="ReportFact.Slot"/>).</summary>
    public long Slot { get; private set; }

    /// <summary>The inbox.</summary>
    public int InboxId { get; private set; }

    /// <summary>The agent, or <see cref="NoAgent"/>.</summary>
    public string AgentId { get; private set; } = NoAgent;

    /// <summary>How many facts.</summary>
    public long Count { get; private set; }
}
