namespace BizInbox.Domain.Reporting;

/// <summary>What a reporting fact records. The numbers are stored.</summary>
public enum FactKind
{
    /// <summary>A conversation was started (by a customer, or by an agent writing first).</summary>
    Opened = 1,

    /// <summary>A resolved conversation was opened again (by a customer's message or by an agent); a new period begins.</summary>
    Reopened = 2,

    /// <summary>A conversation was resolved; its duration is the resolution time (from opening or reopening).</summary>
    Resolved = 3,

    /// <summary>The first reply the customer could see in a period; its duration is the first response time.</summary>
    FirstResponse = 4,

    /// <summary>An agent's reply to a run of customer messages; its duration is the reply time (from the first of them).</summary>
    Reply = 5,

    /// <summary>A customer message.</summary>
    MessageIn = 6,

    /// <summary>A message an agent sent to the customer (automatic messages and notes are not).</summary>
    MessageOut = 7,
}

/// <summary>
/// A reporting fact as a conversation records it, at the moment it happens: what, when, since when (for the
/// times), and which agent acted (for replies and resolutions).
/// </summary>
public sealed record ConversationFact(FactKind Kind, DateTimeOffset At, DateTimeOffset? Since = null, string? AgentId = null)
{
    /// <summary>The elapsed calendar time for a time fact; never negative (a late webhook cannot make a reply come first).</summary>
    public TimeSpan? Duration => Since is { } since ? (At > since ? At - since : TimeSpan.Zero) : null;

    /// <summary>The part of <see cref="Duration"/> during which the business was open (closed days and closures excluded).</summary>
    public TimeSpan? BusinessDuration(Scheduling.BusinessCalendar calendar) => Since is { } since ? calendar.BusinessTimeBetween(since, At) : null;
}
