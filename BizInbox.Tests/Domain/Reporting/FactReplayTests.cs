using BizInbox.Domain.Conversations;
using BizInbox.Domain.Reporting;
using BizInbox.Domain.Scheduling;
using BizInbox.Tests.Domain.Scheduling;
using static BizInbox.Tests.Domain.Conversations.ConversationFactory;

namespace BizInbox.Tests.Domain.Reporting;

/// <summary>The backfill's replay of a stored timeline gives the facts the conversation recorded live.</summary>
public sealed class FactReplayTests
{
    private static DateTimeOffset M(double minutes) => Now.AddMinutes(minutes);

    private static string Msg() => Guid.NewGuid().ToString("N");

    [Fact]
    public void Replaying_a_stored_timeline_gives_the_same_facts_and_clock_as_recording_live()
    {
        var conversation = Stored();
        var timeline = new List<Message>();
        timeline.AddRange(conversation.ReceiveFromCustomer("Hi", null, M(1)));
        timeline.Add(conversation.SendAutomatic(AutomaticMessageKind.Greeting, "Welcome", "g-1", M(1), queued: false));
        timeline.AddRange(conversation.ReceiveFromCustomer("Where is my order?", null, M(2)));
        timeline.Add(conversation.AddNote(Anna, "checking", Msg(), M(3)));
        timeline.AddRange(conversation.Assign(Anna, Anna, null, M(3)));
        timeline.Add(conversation.Reply(Anna, "On its way", Msg(), M(6)));
        timeline.AddRange(conversation.MarkPending(Anna, M(7)));
        timeline.AddRange(conversation.Reopen(Anna, M(8)));
        timeline.AddRange(conversation.Resolve(Anna, M(9)));
        timeline.AddRange(conversation.ReceiveFromCustomer("Arrived broken", null, M(100)));
        timeline.AddRange(conversation.Snooze(Ben, M(200), M(101)));
        timeline.AddRange(conversation.WakeIfDue(M(200)));
        timeline.Add(conversation.Reply(Ben, "Sorry! Replacement sent", Msg(), M(210)));
        timeline.AddRange(conversation.Resolve(Ben, M(220)));
        timeline.AddRange(conversation.MarkPending(Ben, M(230)));
        timeline.Add(conversation.Reply(Ben, "Please confirm the address", Msg(), M(231)));
        timeline.AddRange(conversation.ReceiveFromCustomer("Confirmed", null, M(300)));
        var live = conversation.TakeFacts();

        var (replayed, clock) = FactReplay.Replay(Now, startedBlocked: false, AsStored(timeline));

        replayed.ShouldBe(live);
        clock.ShouldBe(new ResponseClock(conversation.PeriodStartedAt, conversation.PeriodFirstMessageAt, conversation.PeriodAnswered,
            conversation.WaitingSince, conversation.Status == ConversationStatus.Resolved));
    }

    [Fact]
    public void A_blocked_customers_messages_in_a_resolved_conversation_are_not_replayed_as_a_reopening()
    {
        var conversation = Stored();
        var timeline = new List<Message>();
        timeline.AddRange(conversation.ReceiveFromCustomer("Hi", null, M(1)));
        timeline.AddRange(conversation.Resolve(Anna, M(2)));
        timeline.AddRange(conversation.ReceiveFromCustomer("spam", null, M(3), blocked: true));
        var live = conversation.TakeFacts();

        var (replayed, _) = FactReplay.Replay(Now, startedBlocked: false, AsStored(timeline));

        replayed.ShouldBe(live);
        replayed.Select(f => f.Kind).ShouldNotContain(FactKind.Reopened);
    }

    [Fact]
    public void A_conversation_that_began_blocked_replays_to_nothing()
    {
        var conversation = WithId(Conversation.Start(InboxId, ContactId, Now, blocked: true), 44);
        var timeline = conversation.ReceiveFromCustomer("spam", null, M(1), blocked: true);

        var (replayed, _) = FactReplay.Replay(Now, startedBlocked: true, AsStored(timeline));

        replayed.ShouldBeEmpty();
    }

    [Fact]
    public void Business_time_leaves_out_the_night_of_an_overnight_schedule_and_a_public_holiday()
    {
        // Open Mon-Fri 18:00-02:00 (a bar's kitchen); 3 October 2026 (German Unity Day) is a Saturday, so take
        // Christmas: Friday 25 December 2026 is a holiday, the kitchen stays closed from Thursday night's 02:00.
        var calendar = Schedules.Calendar(GermanState.Berlin, [], "Mon-Fri 18:00-02:00");
        var asked = Schedules.At(2026, 12, 24, 23, 30);
        var answered = Schedules.At(2026, 12, 28, 18, 15);

        var fact = new ConversationFact(FactKind.FirstResponse, answered, asked, Anna.UserId);

        fact.Duration.ShouldBe(answered - asked);
        fact.BusinessDuration(calendar).ShouldBe(TimeSpan.FromMinutes(150 + 15));
    }

    [Fact]
    public void Business_time_on_the_spring_clock_change_counts_real_minutes()
    {
        // 29 March 2026: Berlin's clocks jump from 02:00 to 03:00; open 00:00-06:00 that Sunday is five real hours.
        var calendar = Schedules.Calendar("Sun 00:00-06:00");
        var asked = Schedules.At(2026, 3, 29, 1, 0);
        var answered = Schedules.At(2026, 3, 29, 4, 0);

        var fact = new ConversationFact(FactKind.Reply, answered, asked);

        fact.BusinessDuration(calendar).ShouldBe(TimeSpan.FromHours(2));
        fact.Duration.ShouldBe(TimeSpan.FromHours(2));
    }

    private static List<TimelineEntry> AsStored(IEnumerable<Message> timeline) =>
        [.. timeline.Select((m, i) => new TimelineEntry(i + 1, m.Kind, m.Activity, m.Automatic, m.SenderUserId, m.CreatedAt))];
}
