using BizInbox.Domain.Conversations;
using static BizInbox.Tests.Domain.Conversations.ConversationFactory;

namespace BizInbox.Tests.Domain.Conversations;

public class ReadMarkerTests
{
    [Fact]
    public void Create_PointsAtTheGivenMessage()
    {
        var marker = ReadMarker.Create(42, Anna.UserId, 100, Now);

        marker.ConversationId.ShouldBe(42);
        marker.UserId.ShouldBe(Anna.UserId);
        marker.LastReadMessageId.ShouldBe(100);
        marker.ReadUpTo.ShouldBe(Now);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(5_000)]
    public void MoveTo_ALaterMessage_MovesForward(long messageId)
    {
        var marker = ReadMarker.Create(42, Anna.UserId, 100, Now);

        marker.MoveTo(messageId, Now.AddMinutes(1)).ShouldBeTrue();

        marker.LastReadMessageId.ShouldBe(messageId);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(99)]
    [InlineData(1)]
    [InlineData(0)]
    public void MoveTo_AnEarlierOrTheSameMessage_NeverMovesBackwards(long messageId)
    {
        var marker = ReadMarker.Create(42, Anna.UserId, 100, Now);

        marker.MoveTo(messageId, Now.AddMinutes(1)).ShouldBeFalse();

        marker.LastReadMessageId.ShouldBe(100);
    }

    [Fact]
    public void MoveTo_FromAnotherTabWithAnOlderView_KeepsTheNewestPosition()
    {
        var marker = ReadMarker.Create(42, Anna.UserId, 100, Now);

        marker.MoveTo(150, Now.AddMinutes(1));
        marker.MoveTo(120, Now.AddMinutes(2));

        marker.LastReadMessageId.ShouldBe(150);
        marker.ReadUpTo.ShouldBe(Now.AddMinutes(1));
    }

    [Fact]
    public void MoveTo_AnOlderMessage_LeavesReadUpToAlone_SoNewerCustomerMessagesStayUnread()
    {
        var marker = ReadMarker.Create(42, Anna.UserId, 100, Now);

        marker.MoveTo(90, Now.AddMinutes(5)).ShouldBeFalse();

        marker.ReadUpTo.ShouldBe(Now);
    }
}
