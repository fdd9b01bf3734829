using BizInbox.Domain.Conversations;
using BizInbox.Domain.Reporting;
using BizInbox.Tests.Domain.Conversations;
using static BizInbox.Tests.Domain.Conversations.ConversationFactory;

namespace BizInbox.Tests.Domain.Reporting;

/// <summary>The facts a conversation records as things happen, on hand-built timelines.</summary>
public sealed class ResponseClockTests
{
    private static DateTimeOffset M(double minutes) => Now.AddMinutes(minutes);

    private static string Msg() => Guid.NewGuid().ToString("N");

    [Fact]
    public void A_new_conversation_records_that_it_was_opened()
    {
        var conversation = Stored();

        conversation.TakeFacts().ShouldBe([new ConversationFact(FactKind.Opened, Now)]);
    }

    [Fact]
    public void First_response_runs_from_the_customers_first_message_to_the_first_reply_they_can_see()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Hello?", null, M(1));
        conversation.ReceiveFromCustomer("Anyone there?", null, M(2));
        conversation.SendAutomatic(AutomaticMessageKind.Greeting, "Welcome!", "greeting-1", M(2), queued: false);
        conversation.AddNote(Anna, "I'll take it", Msg(), M(3));
        conversation.TakeFacts();

        conversation.Reply(Anna, "Hi, how can I help?", Msg(), M(5));

        conversation.TakeFacts().ShouldBe([
            new ConversationFact(FactKind.MessageOut, M(5), null, Anna.UserId),
            new ConversationFact(FactKind.Reply, M(5), M(1), Anna.UserId),
            new ConversationFact(FactKind.FirstResponse, M(5), M(1), Anna.UserId),
        ]);
    }

    [Fact]
    public void Notes_and_automatic_messages_are_not_replies()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Hello?", null, M(1));

        conversation.AddNote(Anna, "Looking", Msg(), M(2));
        conversation.SendAutomatic(AutomaticMessageKind.Away, "We are closed", "away-1", M(2), queued: false);

        conversation.TakeFacts().Select(f => f.Kind).ShouldBe([FactKind.Opened, FactKind.MessageIn]);
        conversation.WaitingSince.ShouldBe(M(1));
    }

    [Fact]
    public void Each_run_of_customer_messages_gets_one_reply_time_from_its_first_message()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Order #1?", null, M(1));
        conversation.Reply(Anna, "Checking", Msg(), M(4));
        conversation.ReceiveFromCustomer("And #2?", null, M(10));
        conversation.ReceiveFromCustomer("Please", null, M(12));
        conversation.TakeFacts();

        conversation.Reply(Ben, "Both shipped", Msg(), M(30));
        conversation.Reply(Ben, "Tracking follows", Msg(), M(31));

        conversation.TakeFacts().ShouldBe([
            new ConversationFact(FactKind.MessageOut, M(30), null, Ben.UserId),
            new ConversationFact(FactKind.Reply, M(30), M(10), Ben.UserId),
            new ConversationFact(FactKind.MessageOut, M(31), null, Ben.UserId),
        ]);
    }

    [Fact]
    public void Resolution_runs_from_opening_and_a_reopening_starts_a_new_first_response()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Hi", null, M(1));
        conversation.Reply(Anna, "Hello", Msg(), M(2));
        conversation.TakeFacts();

        conversation.Resolve(Ben, M(60));
        conversation.ReceiveFromCustomer("One more thing", null, M(120));
        conversation.Reply(Anna, "Sure", Msg(), M(127));
        conversation.Resolve(Anna, M(150));

        conversation.TakeFacts().ShouldBe([
            new ConversationFact(FactKind.Resolved, M(60), Now, Ben.UserId),
            new ConversationFact(FactKind.Reopened, M(120)),
            new ConversationFact(FactKind.MessageIn, M(120)),
            new ConversationFact(FactKind.MessageOut, M(127), null, Anna.UserId),
            new ConversationFact(FactKind.Reply, M(127), M(120), Anna.UserId),
            new ConversationFact(FactKind.FirstResponse, M(127), M(120), Anna.UserId),
            new ConversationFact(FactKind.Resolved, M(150), M(120), Anna.UserId),
        ]);
    }

    [Fact]
    public void An_agent_who_writes_first_after_reopening_gives_no_response_time_until_the_customer_writes()
    {
        var conversation = Stored();
        conversation.Resolve(Anna, M(10));
        conversation.TakeFacts();

        conversation.Reopen(Anna, M(20));
        conversation.Reply(Anna, "Your parcel is delayed", Msg(), M(21));
        conversation.ReceiveFromCustomer("Thanks, when?", null, M(40));
        conversation.Reply(Anna, "Tomorrow", Msg(), M(45));

        conversation.TakeFacts().ShouldBe([
            new ConversationFact(FactKind.Reopened, M(20)),
            new ConversationFact(FactKind.MessageOut, M(21), null, Anna.UserId),
            new ConversationFact(FactKind.MessageIn, M(40)),
            new ConversationFact(FactKind.MessageOut, M(45), null, Anna.UserId),
            new ConversationFact(FactKind.Reply, M(45), M(40), Anna.UserId),
            new ConversationFact(FactKind.FirstResponse, M(45), M(40), Anna.UserId),
        ]);
    }

    [Fact]
    public void A_resolved_conversation_left_unanswered_ends_the_run_without_a_reply_time()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Thanks, bye", null, M(1));
        conversation.Resolve(Anna, M(2));
        conversation.Reopen(Anna, M(30));
        conversation.TakeFacts();

        conversation.Reply(Anna, "One more question for you", Msg(), M(31));

        conversation.TakeFacts().ShouldBe([new ConversationFact(FactKind.MessageOut, M(31), null, Anna.UserId)]);
    }

    [Fact]
    public void Snoozing_and_waking_up_is_not_a_new_period()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Hi", null, M(1));
        conversation.Snooze(Anna, M(60), M(2));
        conversation.WakeIfDue(M(61));
        conversation.ReceiveFromCustomer("Still there?", null, M(62));
        conversation.TakeFacts();

        conversation.Reply(Anna, "Yes", Msg(), M(63));

        conversation.TakeFacts().ShouldBe([
            new ConversationFact(FactKind.MessageOut, M(63), null, Anna.UserId),
            new ConversationFact(FactKind.Reply, M(63), M(1), Anna.UserId),
            new ConversationFact(FactKind.FirstResponse, M(63), M(1), Anna.UserId),
        ]);
    }

    [Fact]
    public void A_blocked_customers_conversation_records_nothing()
    {
        var conversation = WithId(Conversation.Start(InboxId, ContactId, Now, blocked: true), 43);

        conversation.ReceiveFromCustomer("spam", null, M(1), blocked: true);

        conversation.TakeFacts().ShouldBeEmpty();
    }

    [Fact]
    public void A_message_that_arrives_late_cannot_make_a_negative_time()
    {
        new ConversationFact(FactKind.Reply, M(1), M(5)).Duration.ShouldBe(TimeSpan.Zero);
        new ConversationFact(FactKind.Reply, M(5), M(1)).Duration.ShouldBe(TimeSpan.FromMinutes(4));
        new ConversationFact(FactKind.MessageIn, M(5)).Duration.ShouldBeNull();
    }
}
