using BizInbox.Domain.Conversations;

namespace BizInbox.Domain.Reporting;

/// <summary>
/// A stored reporting fact: one row per thing that happened (a reply, a resolution, a message...), written in the same
/// transaction as the change itself. Reports read these rows instead of rescanning messages, and a figure for a
/// closed period never changes: the business time is worked out with the hours in force when it happened.
/// </summary>
public sealed class ReportFact
{
    /// <summary>
    /// The length of a <see cref="Slot"/>: a quarter hour, because every time zone's offset is a whole number of quarter
    /// hours, so a business's local days, weeks and months begin on a slot boundary.
    /// </summary>
    public static readonly long SlotTicks = TimeSpan.FromMinutes(15).Ticks;

    private ReportFact()
    {
    }

    /// <summary>Identifier.</summary>
    public long Id { get; private set; }

    /// <summary>What happened.</summary>
    public FactKind Kind { get; private set; }

    /// <summary>The conversation.</summary>
    public long ConversationId { get; private set; }

    /// <summary>Only for the unit of work: a conversation stored in the same transaction has no id yet.</summary>
    public Conversation? Conversation { get; private set; }

    /// <summary>The conversation's inbox (and with it the channel).</summary>
    public int InboxId { get; private set; }

    /// <summary>The agent who replied or resolved; null for the customer's doing.</summary>
    public string? AgentId { get; private set; }

    /// <summary>When it happened, as UTC ticks (reports group by time in SQL on every provider).</summary>
    public long AtTicks { get; private set; }

    /// <summary>
    /// The quarter hour it happened in (<see cref="AtTicks"/> / <see cref="SlotTicks"/>): reports count by slot, and the
    /// index on (kind, slot, agent) hands the rows over already grouped.
    /// </summary>
    public long Slot { get; private set; }

    /// <summary>The elapsed calendar time in seconds, for replies, first responses and resolutions.</summary>
    public double? Seconds { get; private set; }

    /// <summary>The elapsed business time in seconds (open hours only), for the same facts.</summary>
    public double? BusinessSeconds { get; private set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At => new(AtTicks, TimeSpan.Zero);

    /// <summary>The row for <paramref name="fact"/> of <paramref name="conversation"/>, its business time measured by <paramref name="calendar"/>.</summary>
    public static ReportFact Of(Conversation conversation, ConversationFact fact, Scheduling.BusinessCalendar? calendar) => new()
    {
        Kind = fact.Kind,
        Conversation = conversation.Id == 0 ? conversation : null,
        ConversationId = conversation.Id,
        InboxId = conversation.InboxId,
        AgentId = fact.AgentId,
        AtTicks = fact.At.UtcTicks,
        Slot = fact.At.UtcTicks / SlotTicks,
        Seconds = fact.Duration?.TotalSeconds,
        BusinessSeconds = calendar is null ? null : fact.BusinessDuration(calendar)?.TotalSeconds,
    };
}
