using BizInbox.Domain.Reporting;

namespace BizInbox.Web.Features.Reports;

/// <summary>The three time metrics of one slice of a report.</summary>
public sealed record MetricSet(DurationStats FirstResponse, DurationStats Reply, DurationStats Resolution)
{
    public static readonly MetricSet Empty = new(DurationStats.Empty, DurationStats.Empty, DurationStats.Empty);

    public DurationStats For(FactKind kind) => kind switch
    {
        FactKind.FirstResponse => FirstResponse,
        FactKind.Reply => Reply,
        FactKind.Resolved => Resolution,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>How many conversations and messages a slice of a report has.</summary>
public sealed record ReportCounts(int Opened, int Reopened, int Resolved, int MessagesIn, int MessagesOut)
{
    public static readonly ReportCounts Empty = new(0, 0, 0, 0, 0);

    public int For(FactKind kind) => kind switch
    {
        FactKind.Opened => Opened,
        FactKind.Reopened => Reopened,
        FactKind.Resolved => Resolved,
        FactKind.MessageIn => MessagesIn,
        FactKind.MessageOut => MessagesOut,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>The figures of one day, week or month (<see cref="Start"/> is its first day).</summary>
public sealed record ReportBucket(DateOnly Start, MetricSet Times, ReportCounts Counts);

/// <summary>One agent's figures: the replies they wrote and the conversations they resolved.</summary>
public sealed record AgentRow(string AgentId, string Name, MetricSet Times, int Replies, int Resolved);

/// <summary>The figures of the conversations carrying one label (now).</summary>
public sealed record LabelRow(int LabelId, string Name, string Color, MetricSet Times, int Opened);

/// <summary>The business's targets for "answered within target".</summary>
public sealed record ReportTargets(TimeSpan FirstResponse, TimeSpan Reply, TimeSpan Resolution)
{
    public TimeSpan For(FactKind kind) => kind switch
    {
        FactKind.FirstResponse => FirstResponse,
        FactKind.Reply => Reply,
        FactKind.Resolved => Resolution,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>A whole report for one filter.</summary>
public sealed record Report(
    ReportFilter Filter, ReportTargets Targets, MetricSet Times, ReportCounts Counts, IReadOnlyList<ReportBucket> Buckets,
    IReadOnlyList<AgentRow> Agents, IReadOnlyList<LabelRow> Labels);

/// <summary>
/// Which figure to drill into: a metric (or count) over the whole report, or one of its days/weeks/months, agents or labels.
/// </summary>
public sealed record DrillDown(FactKind Kind, DateOnly? Bucket = null, string? AgentId = null, int? LabelId = null);

/// <summary>One fact behind a figure: the conversation, when, and (for times) how long.</summary>
public sealed record DrillDownRow(long ConversationId, string ContactName, string InboxName, string? AgentName, DateTimeOffset At, double? Seconds);

/// <summary>One page of a drill-down and how many rows there are in all.</summary>
public sealed record DrillDownPage(IReadOnlyList<DrillDownRow> Rows, int Total);

/// <summary>The choices the filters offer.</summary>
public sealed record ReportOptions(
    IReadOnlyList<(string Id, string Name)> Agents, IReadOnlyList<(int Id, string Name, Domain.Channels.ChannelType Channel)> Inboxes,
    IReadOnlyList<(int Id, string Name)> Labels, IReadOnlyList<(string Id, string Name)> Ads, DateOnly Today);
