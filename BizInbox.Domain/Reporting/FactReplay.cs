using BizInbox.Domain.Conversations;

namespace BizInbox.Domain.Reporting;

/// <summary>What the replay needs of one stored timeline entry.</summary>
public sealed record TimelineEntry(long Id, MessageKind Kind, ActivityKind Activity, AutomaticMessageKind Automatic, string? SenderUserId, DateTimeOffset CreatedAt);

/// <summary>
/// Rebuilds a conversation's reporting facts from its stored timeline, through the same <see cref="ResponseClock"/>
/// transitions the conversation applies as things happen: the one-time backfill for conversations older than fact
/// recording. Entries are taken in thread order (time, then id: a reopening entry is stored just before the customer
/// message that caused it).
/// </summary>
public static class FactReplay
{
    /// <summary>
    /// The facts of a conversation created at <paramref name="createdAt"/>, and its clock at the end.
    /// <paramref name="startedBlocked"/>: it began resolved, as a blocked customer's conversation does.
    /// </summary>
    public static (IReadOnlyList<ConversationFact> Facts, ResponseClock Clock) Replay(
        DateTimeOffset createdAt, bool startedBlocked, IEnumerable<TimelineEntry> timeline)
    {
        var facts = new List<ConversationFact>();
        var clock = startedBlocked ? new ResponseClock(createdAt, null, false, null, Resolved: true) : ResponseClock.Start(createdAt, facts);
        var reopenedByCustomer = false;
        foreach (var entry in timeline.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id))
        {
            switch (entry.Kind)
            {
                // A message in a resolved conversation that nothing reopened was a blocked customer's: kept, never counted.
                case MessageKind.Incoming when !clock.Resolved || reopenedByCustomer:
                    clock = clock.CustomerWrote(entry.CreatedAt, facts);
                    reopenedByCustomer = false;
                    break;
                case MessageKind.Outgoing when entry.Automatic == AutomaticMessageKind.None && entry.SenderUserId is { } agent:
                    clock = clock.AgentReplied(agent, entry.CreatedAt, facts);
                    break;
                case MessageKind.Activity:
                    clock = Activity(clock, entry, facts, ref reopenedByCustomer);
                    break;
            }
        }

        return (facts, clock);
    }

    private static ResponseClock Activity(ResponseClock clock, TimelineEntry entry, List<ConversationFact> facts, ref bool reopenedByCustomer)
    {
        switch (entry.Activity)
        {
            case ActivityKind.Resolved:
                return clock.ResolvedBy(entry.SenderUserId, entry.CreatedAt, facts);
            case ActivityKind.Reopened or ActivityKind.MarkedPending:
                return clock.Reopened(entry.CreatedAt, facts);
            case ActivityKind.ReopenedByCustomer:
                reopenedByCustomer = true;
                return clock;
            default:
                return clock;
        }
    }
}
