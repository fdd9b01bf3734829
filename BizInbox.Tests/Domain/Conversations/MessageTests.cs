using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using static BizInbox.Tests.Domain.Conversations.ConversationFactory;

namespace BizInbox.Tests.Domain.Conversations;

public class MessageTests
{
    private static readonly DateTimeOffset T1 = Now.AddMinutes(1);

    [Theory]
    [InlineData("Hello", "Hello")]
    [InlineData("  Hello  ", "Hello")]
    [InlineData("\r\n\tHello\t\r\n", "Hello")]
    [InlineData("\n\nHello\nWorld\n\n", "Hello\nWorld")]
    [InlineData("  first line\r\n\r\nthird line ", "first line\r\n\r\nthird line")]
    [InlineData("a  b", "a  b")]
    public void ValidText_TrimsSurroundingWhitespaceAndKeepsInternalLineBreaks(string text, string expected) =>
        Message.ValidText(text).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("\r\n")]
    [InlineData(" \n \r\n \t ")]
    public void ValidText_EmptyOrWhitespace_IsRefused(string? text) =>
        Should.Throw<DomainException>(() => Message.ValidText(text)).Code.ShouldBe("message.empty");

    [Theory]
    [InlineData("\u00A0")]
    [InlineData(" \u00A0\n")]
    [InlineData("\u2003")]
    [InlineData("\u3000")]
    [InlineData("\f")]
    [InlineData("\v")]
    [InlineData("\u2028")]
    public void ValidText_OtherUnicodeWhitespaceOnly_IsRefused(string text) =>
        Should.Throw<DomainException>(() => Message.ValidText(text)).Code.ShouldBe("message.empty");

    [Theory]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    public void ValidText_UpTo4096Characters_IsAccepted(int length) =>
        Message.ValidText(new string('x', length)).Length.ShouldBe(length);

    [Theory]
    [InlineData(4097)]
    [InlineData(10_000)]
    public void ValidText_Over4096Characters_IsRefused(int length) =>
        Should.Throw<DomainException>(() => Message.ValidText(new string('x', length))).Code.ShouldBe("message.too_long");

    [Fact]
    public void ValidText_Exactly4096CharactersAfterTrimming_IsAccepted()
    {
        var body = new string('x', 4096);

        Message.ValidText("  \n" + body + "\r\n  ").ShouldBe(body);
    }

    [Fact]
    public void ValidText_InternalLineBreaksCountTowardsTheLimit()
    {
        var text = new string('x', 4095) + "\n" + "x";

        Should.Throw<DomainException>(() => Message.ValidText(text)).Code.ShouldBe("message.too_long");
    }

    [Fact]
    public void AMessageOfExactly4096Characters_IsStoredWhole()
    {
        var conversation = Stored();
        var text = new string('x', 4096);

        conversation.Reply(Anna, text, "c-1", T1).Text.ShouldBe(text);
        conversation.ReceiveFromCustomer(text, null, T1).Single().Text.ShouldBe(text);
        conversation.AddNote(Anna, text, "n-1", T1).Text.ShouldBe(text);
    }

    [Theory]
    [InlineData(MessageKind.Incoming, true)]
    [InlineData(MessageKind.Outgoing, true)]
    [InlineData(MessageKind.Note, false)]
    [InlineData(MessageKind.Activity, false)]
    public void IsVisibleToCustomer_OnlyForCustomerAndAgentMessages(MessageKind kind, bool visible) =>
        Make(kind).IsVisibleToCustomer.ShouldBe(visible);

    [Theory]
    [InlineData(MessageKind.Incoming, DeliveryStatus.None)]
    [InlineData(MessageKind.Outgoing, DeliveryStatus.Sent)]
    [InlineData(MessageKind.Note, DeliveryStatus.None)]
    [InlineData(MessageKind.Activity, DeliveryStatus.None)]
    public void Delivery_OutgoingMessagesStartAsSent_OthersHaveNone(MessageKind kind, DeliveryStatus expected) =>
        Make(kind).Delivery.ShouldBe(expected);

    [Theory]
    // From Sent: forward only.
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.Sent, false, DeliveryStatus.Sent)]
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.Delivered, true, DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.Read, true, DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.Failed, true, DeliveryStatus.Failed)]
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.None, false, DeliveryStatus.Sent)]
    // From Delivered.
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Sent, false, DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Delivered, false, DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Read, true, DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Failed, true, DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.None, false, DeliveryStatus.Delivered)]
    // From Read: only a voice message's "played" goes further.
    [InlineData(DeliveryStatus.Read, DeliveryStatus.Sent, false, DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Read, DeliveryStatus.Delivered, false, DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Read, DeliveryStatus.Read, false, DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Read, DeliveryStatus.Played, true, DeliveryStatus.Played)]
    [InlineData(DeliveryStatus.Read, DeliveryStatus.Failed, true, DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Read, DeliveryStatus.None, false, DeliveryStatus.Read)]
    // From Played: the end of the road.
    [InlineData(DeliveryStatus.Played, DeliveryStatus.Read, false, DeliveryStatus.Played)]
    [InlineData(DeliveryStatus.Played, DeliveryStatus.Delivered, false, DeliveryStatus.Played)]
    [InlineData(DeliveryStatus.Played, DeliveryStatus.Failed, true, DeliveryStatus.Played)]
    // From Failed: a later success means a retry worked.
    [InlineData(DeliveryStatus.Failed, DeliveryStatus.Delivered, true, DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Failed, DeliveryStatus.Read, true, DeliveryStatus.Read)]
    [InlineData(DeliveryStatus.Failed, DeliveryStatus.None, false, DeliveryStatus.Failed)]
    public void AdvanceDelivery_OnlyMovesForward(DeliveryStatus current, DeliveryStatus reported, bool accepted, DeliveryStatus expected)
    {
        var message = OutgoingAt(current);

        message.AdvanceDelivery(reported).ShouldBe(accepted);

        message.Delivery.ShouldBe(expected);
    }

    [Fact]
    public void AdvanceDelivery_ALateDeliveredAfterRead_IsIgnored()
    {
        var message = Stored().Reply(Anna, "Hi!", "c-1", T1);

        message.AdvanceDelivery(DeliveryStatus.Delivered).ShouldBeTrue();
        message.AdvanceDelivery(DeliveryStatus.Read).ShouldBeTrue();
        message.AdvanceDelivery(DeliveryStatus.Delivered).ShouldBeFalse();

        message.Delivery.ShouldBe(DeliveryStatus.Read);
    }

    [Fact]
    public void AdvanceDelivery_FailedAfterDelivered_KeepsTheTick_AndTheReason_ThroughLaterStatuses()
    {
        var message = Stored().Reply(Anna, "Hi!", "c-1", T1);

        message.AdvanceDelivery(DeliveryStatus.Delivered).ShouldBeTrue();
        message.AdvanceDelivery(DeliveryStatus.Failed, "(131000) Something went wrong").ShouldBeTrue();
        (message.Delivery, message.DeliveryError).ShouldBe((DeliveryStatus.Delivered, "(131000) Something went wrong"));
        message.AdvanceDelivery(DeliveryStatus.Failed, "(131000) Something went wrong").ShouldBeFalse();
        message.AdvanceDelivery(DeliveryStatus.Read).ShouldBeTrue();

        (message.Delivery, message.DeliveryError).ShouldBe((DeliveryStatus.Read, "(131000) Something went wrong"));
    }

    [Fact]
    public void AdvanceDelivery_FailedBeforeDelivery_Fails_AndALaterSuccessClearsTheReason()
    {
        var message = Stored().Reply(Anna, "Hi!", "c-1", T1);

        message.AdvanceDelivery(DeliveryStatus.Failed, "(131026) Undeliverable").ShouldBeTrue();
        (message.Delivery, message.DeliveryError).ShouldBe((DeliveryStatus.Failed, "(131026) Undeliverable"));
        message.AdvanceDelivery(DeliveryStatus.Delivered).ShouldBeTrue();

        (message.Delivery, message.DeliveryError).ShouldBe((DeliveryStatus.Delivered, (string?)null));
    }

    [Theory]
    [InlineData(MessageKind.Incoming, DeliveryStatus.Sent)]
    [InlineData(MessageKind.Incoming, DeliveryStatus.Delivered)]
    [InlineData(MessageKind.Incoming, DeliveryStatus.Read)]
    [InlineData(MessageKind.Incoming, DeliveryStatus.Failed)]
    [InlineData(MessageKind.Note, DeliveryStatus.Sent)]
    [InlineData(MessageKind.Note, DeliveryStatus.Delivered)]
    [InlineData(MessageKind.Note, DeliveryStatus.Read)]
    [InlineData(MessageKind.Note, DeliveryStatus.Failed)]
    [InlineData(MessageKind.Activity, DeliveryStatus.Sent)]
    [InlineData(MessageKind.Activity, DeliveryStatus.Delivered)]
    [InlineData(MessageKind.Activity, DeliveryStatus.Read)]
    [InlineData(MessageKind.Activity, DeliveryStatus.Failed)]
    public void AdvanceDelivery_OfAnythingButAnOutgoingMessage_ChangesNothing(MessageKind kind, DeliveryStatus reported)
    {
        var message = Make(kind);

        message.AdvanceDelivery(reported).ShouldBeFalse();

        message.Delivery.ShouldBe(DeliveryStatus.None);
    }

    private static Message Make(MessageKind kind)
    {
        var conversation = Stored();
        return kind switch
        {
            MessageKind.Incoming => conversation.ReceiveFromCustomer("Hello", null, T1).Single(),
            MessageKind.Outgoing => conversation.Reply(Anna, "Hi!", "c-1", T1),
            MessageKind.Note => conversation.AddNote(Anna, "Note", "n-1", T1),
            MessageKind.Activity => conversation.Resolve(Anna, T1).Single(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static Message OutgoingAt(DeliveryStatus status)
    {
        var message = Make(MessageKind.Outgoing);
        if (status != DeliveryStatus.Sent)
        {
            message.AdvanceDelivery(status).ShouldBeTrue();
        }

        message.Delivery.ShouldBe(status);
        return message;
    }
}
