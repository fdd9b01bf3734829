using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.Inbox;

namespace BizInbox.Tests.Features.Inbox;

public sealed class ThreadPlacementTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static ThreadMessage Message(long id, int minute, DeliveryStatus delivery = DeliveryStatus.Sent) =>
        new(id, MessageKind.Outgoing, $"m{id}", "Olga", null, Noon.AddMinutes(minute), delivery, ActivityKind.None, null);

    [Fact]
    public void Place_AMessageAlreadyShown_ReplacesIt_RatherThanShowingItTwice()
    {
        // Two overlapping reloads both bring message 3: the second copy used to break the thread's keys (the circuit died).
        List<ThreadMessage> thread = [Message(1, 0), Message(2, 1)];
        ThreadCursor.Place(thread, Message(3, 2, DeliveryStatus.Queued), hasOlder: false);

        ThreadCursor.Place(thread, Message(3, 2, DeliveryStatus.Sent), hasOlder: false);

        thread.Select(m => (m.Id, m.Delivery)).ShouldBe([(1, DeliveryStatus.Sent), (2, DeliveryStatus.Sent), (3, DeliveryStatus.Sent)]);
    }

    [Theory]
    [InlineData(5, false, new long[] { 1, 2, 9 })]
    [InlineData(-1, false, new long[] { 9, 1, 2 })]
    [InlineData(-1, true, new long[] { 1, 2 })]
    public void Place_ANewMessage_GoesInItsPlaceByTime_UnlessItBelongsToTheOlderPages(int minute, bool hasOlder, long[] expected)
    {
        List<ThreadMessage> thread = [Message(1, 0), Message(2, 1)];

        ThreadCursor.Place(thread, Message(9, minute), hasOlder);

        thread.Select(m => m.Id).ShouldBe(expected);
    }
}
