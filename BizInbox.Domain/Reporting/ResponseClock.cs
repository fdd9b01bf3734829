namespace BizInbox.Domain.Reporting;

/// <summary>
/// What a conversation's response times depend on, and the rules that turn its events into
/// <see cref="ConversationFact"/>s. One set of rules for two callers: <see cref="Conversations.Conversation"/> records
/// facts as things happen, and the one-time backfill replays a stored timeline through the same transitions, so both
/// give the same facts.
/// </summary>
/// <param name="PeriodStartedAt">When the current period began: the conversation's start or its latest reopening.</param>
/// <param name="PeriodFirstMessageAt">The customer's first message in the period; null until they write in it.</param>
/// <param name="PeriodAnswered">Whether the period's first response has been given.</param>
/// <param name="WaitingSince">The first of the customer's unanswered messages; null when the team had the last word.</param>
/// <param name="Resolved">Whether the conversation is resolved (a customer message or an agent then starts a new period).</param>
public readonly record struct ResponseClock(
    DateTimeOffset PeriodStartedAt, DateTimeOffset? PeriodFirstMessageAt, bool PeriodAnswered, DateTimeOffset? WaitingSince, bool Resolved)
{
    /// <summary>A conversation that begins at <paramref name="at"/>.</summary>
    public static ResponseClock Start(DateTimeOffset at, ICollection<ConversationFact> facts)
    {
        facts.Add(new ConversationFact(FactKind.Opened, at));
        return new ResponseClock(at, null, false, null, false);
    }

    /// <summary>A customer message sent at <paramref name="at"/>; on a resolved conversation it opens a new period first.</summary>
    public ResponseClock CustomerWrote(DateTimeOffset at, ICollection<ConversationFact> facts)
    {
        var clock = Resolved ? Reopen(at, facts) : this;
        facts.Add(new ConversationFact(FactKind.MessageIn, at));
        return clock with
        {
            PeriodFirstMessageAt = clock.PeriodFirstMessageAt ?? at,
            WaitingSince = clock.WaitingSince ?? at,
        };
    }

    /// <summary>
    /// A reply the customer can see, by <paramref name="agentId"/>: it ends the customer's run of messages (a reply time)
    /// and, the first time in a period in which the customer wrote, gives the first response time.
    /// </summary>
    public ResponseClock AgentReplied(string agentId, DateTimeOffset at, ICollection<ConversationFact> facts)
    {
        facts.Add(new ConversationFact(FactKind.MessageOut, at, null, agentId));
        if (WaitingSince is { } waiting)
        {
            facts.Add(new ConversationFact(FactKind.Reply, at, waiting, agentId));
        }

        var answered = PeriodAnswered;
        if (!answered && PeriodFirstMessageAt is { } first)
        {
            facts.Add(new ConversationFact(FactKind.FirstResponse, at, first, agentId));
            answered = true;
        }

        return this with { WaitingSince = null, PeriodAnswered = answered };
    }

    /// <summary>
    /// Resolved by <paramref name="agentId"/> (null: by the system): the resolution time of the period. A run of customer
    /// messages left unanswered ends without a reply time.
    /// </summary>
    public ResponseClock ResolvedBy(string? agentId, DateTimeOffset at, ICollection<ConversationFact> facts)
    {
        if (Resolved)
        {
            return this;
        }

        facts.Add(new ConversationFact(FactKind.Resolved, at, PeriodStartedAt, agentId));
        return this with { Resolved = true, WaitingSince = null };
    }

    /// <summary>Opened again by an agent (reopen, mark pending) at <paramref name="at"/>; only a resolved conversation starts a new period.</summary>
    public ResponseClock Reopened(DateTimeOffset at, ICollection<ConversationFact> facts) => Resolved ? Reopen(at, facts) : this;

    private static ResponseClock Reopen(DateTimeOffset at, ICollection<ConversationFact> facts)
    {
        facts.Add(new ConversationFact(FactKind.Reopened, at));
        return new ResponseClock(at, null, false, null, false);
    }
}
