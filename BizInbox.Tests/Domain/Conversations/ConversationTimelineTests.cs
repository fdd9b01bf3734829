using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using static BizInbox.Tests.Domain.Conversations.ConversationFactory;

namespace BizInbox.Tests.Domain.Conversations;

public class ConversationTimelineTests
{
    private static readonly DateTimeOffset T1 = Now.AddMinutes(1);
    private static readonly DateTimeOffset T2 = Now.AddMinutes(2);
    private static readonly DateTimeOffset T3 = Now.AddMinutes(3);
    private static readonly DateTimeOffset T4 = Now.AddMinutes(4);

    [Fact]
    public void ReceiveFromCustomer_OnAnOpenConversation_ReturnsOnlyTheIncomingMessage()
    {
        var conversation = Stored();

        var entries = conversation.ReceiveFromCustomer("  Is my order on its way?\n", "widget-1", T1);

        var message = entries.ShouldHaveSingleItem();
        message.Kind.ShouldBe(MessageKind.Incoming);
        message.ConversationId.ShouldBe(42);
        message.Text.ShouldBe("Is my order on its way?");
        message.ClientMessageId.ShouldBe("widget-1");
        message.CreatedAt.ShouldBe(T1);
        message.SenderUserId.ShouldBeNull();
        message.Activity.ShouldBe(ActivityKind.None);
        message.Delivery.ShouldBe(DeliveryStatus.None);
        message.IsVisibleToCustomer.ShouldBeTrue();
        conversation.Status.ShouldBe(ConversationStatus.Open);
    }

    [Fact]
    public void ReceiveFromCustomer_TakesTheChannelsTimeOfSending_AndKeepsTheArrival()
    {
        var conversation = Stored();

        var message = conversation.ReceiveFromCustomer("Sent from the train", "wamid.1", T3, sentAt: T1).ShouldHaveSingleItem();

        (message.CreatedAt, message.ReceivedAt).ShouldBe((T1, T3));
        (conversation.LastCustomerMessageAt, conversation.WaitingSince, conversation.LastActivityAt).ShouldBe((T1, T1, T1));
    }

    [Fact]
    public void ReceiveFromCustomer_ATimeAfterItArrived_IsTakenAsTheArrival()
    {
        var message = Stored().ReceiveFromCustomer("From the future", "wamid.1", T1, sentAt: DateTimeOffset.MaxValue).ShouldHaveSingleItem();

        (message.CreatedAt, message.ReceivedAt).ShouldBe((T1, T1));
    }

    [Fact]
    public void ReceiveFromCustomer_ALateMessageSentEarlier_LeavesTheListsTimeAndPreviewToTheLatest()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Second thought", "wamid.2", T2, sentAt: T2);

        conversation.ReceiveFromCustomer("First thought", "wamid.1", T4, sentAt: T1);

        (conversation.LastActivityAt, conversation.LastMessagePreview, conversation.LastCustomerMessageAt).ShouldBe((T2, "Second thought", T2));
    }

    [Fact]
    public void ReceiveFromCustomer_WhenResolved_ReopensWithAnActivityEntry()
    {
        var conversation = InStatus(ConversationStatus.Resolved);

        var entries = conversation.ReceiveFromCustomer("One more question", null, T1);

        conversation.Status.ShouldBe(ConversationStatus.Open);
        entries.Count.ShouldBe(2);
        entries[0].Kind.ShouldBe(MessageKind.Activity);
        entries[0].Activity.ShouldBe(ActivityKind.ReopenedByCustomer);
        entries[0].IsVisibleToCustomer.ShouldBeFalse();
        entries[0].CreatedAt.ShouldBe(T1);
        entries[1].Kind.ShouldBe(MessageKind.Incoming);
        entries[1].Text.ShouldBe("One more question");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReceiveFromCustomer_WhenSnoozed_ReopensAndClearsTheSnoozeWithAnActivityEntry(bool timed)
    {
        var conversation = Stored();
        conversation.Snooze(Anna, timed ? Now.AddDays(1) : null, Now);

        var entries = conversation.ReceiveFromCustomer("Hello again", null, T1);

        conversation.Status.ShouldBe(ConversationStatus.Open);
        conversation.SnoozedUntil.ShouldBeNull();
        entries.Select(e => e.Kind).ShouldBe([MessageKind.Activity, MessageKind.Incoming]);
        entries[0].Activity.ShouldBe(ActivityKind.ReopenedByCustomer);
    }

    [Theory]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending)]
    public void ReceiveFromCustomer_WhenOpenOrPending_KeepsTheStatusAndWritesNoActivity(ConversationStatus status)
    {
        var conversation = InStatus(status);

        var entries = conversation.ReceiveFromCustomer("Hello", null, T1);

        entries.ShouldHaveSingleItem().Kind.ShouldBe(MessageKind.Incoming);
        conversation.Status.ShouldBe(status);
    }

    [Theory]
    [InlineData(ConversationStatus.Resolved, "   ")]
    [InlineData(ConversationStatus.Snoozed, "\r\n")]
    public void ReceiveFromCustomer_WithEmptyText_IsRefusedAndLeavesTheStatusAlone(ConversationStatus status, string text)
    {
        var conversation = InStatus(status);
        var snoozedUntil = conversation.SnoozedUntil;

        Should.Throw<DomainException>(() => conversation.ReceiveFromCustomer(text, null, T1)).Code.ShouldBe("message.empty");

        // A refused message is no customer message: no reopening, and never a status change without its activity entry.
        conversation.Status.ShouldBe(status);
        conversation.SnoozedUntil.ShouldBe(snoozedUntil);
        conversation.WaitingSince.ShouldBeNull();
        conversation.LastCustomerMessageAt.ShouldBeNull();
    }

    [Fact]
    public void WaitingSince_IsSetByTheFirstUnansweredCustomerMessageAndKeptByFurtherOnes()
    {
        var conversation = Stored();

        conversation.ReceiveFromCustomer("Hello?", null, T1);
        conversation.ReceiveFromCustomer("Anyone there?", null, T2);

        conversation.WaitingSince.ShouldBe(T1);
        conversation.LastCustomerMessageAt.ShouldBe(T2);
    }

    [Fact]
    public void WaitingSince_IsClearedByAnAgentReply_AndSetAgainByTheNextCustomerMessage()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Hello?", null, T1);

        conversation.Reply(Anna, "Hi, how can I help?", "c-1", T2);
        conversation.WaitingSince.ShouldBeNull();

        conversation.ReceiveFromCustomer("My parcel is late", null, T3);
        conversation.WaitingSince.ShouldBe(T3);
    }

    [Fact]
    public void WaitingSince_IsNotClearedByANote()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Hello?", null, T1);

        conversation.AddNote(Anna, "Asked the warehouse", "n-1", T2);

        conversation.WaitingSince.ShouldBe(T1);
    }

    [Fact]
    public void WaitingSince_IsNotClearedByActivities()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Hello?", null, T1);

        conversation.Assign(Anna, Anna, null, T2);
        conversation.SetPriority(Anna, ConversationPriority.High, T2);
        conversation.MarkPending(Anna, T3);

        conversation.WaitingSince.ShouldBe(T1);
    }

    [Fact]
    public void FirstReplyAt_IsTheFirstAgentReply_AndLaterRepliesOnlyMoveLastAgentReplyAt()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Hello?", null, T1);

        conversation.Reply(Anna, "Hi!", "c-1", T2);
        conversation.ReceiveFromCustomer("Thanks", null, T3);
        conversation.Reply(Ben, "You're welcome", "c-2", T4);

        conversation.FirstReplyAt.ShouldBe(T2);
        conversation.LastAgentReplyAt.ShouldBe(T4);
        conversation.LastCustomerMessageAt.ShouldBe(T3);
    }

    [Fact]
    public void FirstReplyAt_IsNotSetByANote()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Hello?", null, T1);

        conversation.AddNote(Anna, "VIP customer", "n-1", T2);

        conversation.FirstReplyAt.ShouldBeNull();
        conversation.LastAgentReplyAt.ShouldBeNull();
    }

    [Fact]
    public void LastActivityAt_FollowsCustomerAndAgentMessages()
    {
        var conversation = Stored();

        conversation.ReceiveFromCustomer("Hello?", null, T1);
        conversation.LastActivityAt.ShouldBe(T1);

        conversation.Reply(Anna, "Hi!", "c-1", T2);
        conversation.LastActivityAt.ShouldBe(T2);
    }

    [Fact]
    public void Reply_IsAnOutgoingMessageByTheAgentThatStartsAsSent()
    {
        var conversation = Stored();

        var message = conversation.Reply(Anna, "\n Your parcel ships today.\n\nRegards \n", "c-1", T1);

        message.Kind.ShouldBe(MessageKind.Outgoing);
        message.ConversationId.ShouldBe(42);
        message.Text.ShouldBe("Your parcel ships today.\n\nRegards");
        message.SenderUserId.ShouldBe(Anna.UserId);
        message.SenderName.ShouldBe(Anna.Name);
        message.ClientMessageId.ShouldBe("c-1");
        message.CreatedAt.ShouldBe(T1);
        message.Delivery.ShouldBe(DeliveryStatus.Sent);
        message.Activity.ShouldBe(ActivityKind.None);
        message.IsVisibleToCustomer.ShouldBeTrue();
    }

    [Fact]
    public void AddNote_IsAPrivateNoteThatNeverReachesTheCustomer()
    {
        var conversation = Stored();

        var note = conversation.AddNote(Anna, "Refund approved by Ben", "n-1", T1);

        note.Kind.ShouldBe(MessageKind.Note);
        note.ConversationId.ShouldBe(42);
        note.Text.ShouldBe("Refund approved by Ben");
        note.SenderUserId.ShouldBe(Anna.UserId);
        note.SenderName.ShouldBe(Anna.Name);
        note.ClientMessageId.ShouldBe("n-1");
        note.Delivery.ShouldBe(DeliveryStatus.None);
        note.IsVisibleToCustomer.ShouldBeFalse();
    }

    [Theory]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.Snoozed)]
    [InlineData(ConversationStatus.Resolved)]
    public void AddNote_ChangesNoStatus(ConversationStatus status)
    {
        var conversation = InStatus(status);

        conversation.AddNote(Anna, "For the record", "n-1", T1);

        conversation.Status.ShouldBe(status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Reply_WithoutAClientMessageId_IsRefused(string? clientMessageId)
    {
        var conversation = Stored();

        var refusal = Should.Throw<Exception>(() => conversation.Reply(Anna, "Hi!", clientMessageId!, T1));

        (refusal is ArgumentException or DomainException { Code: "message.client_id_invalid" }).ShouldBeTrue(refusal.ToString());
        conversation.FirstReplyAt.ShouldBeNull();
        conversation.LastMessagePreview.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AddNote_WithoutAClientMessageId_IsRefused(string? clientMessageId)
    {
        var conversation = Stored();

        var refusal = Should.Throw<Exception>(() => conversation.AddNote(Anna, "Note", clientMessageId!, T1));

        (refusal is ArgumentException or DomainException { Code: "message.client_id_invalid" }).ShouldBeTrue(refusal.ToString());
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(128, true)] // long enough for WhatsApp's message ids, which serve as the key of incoming WhatsApp messages
    [InlineData(129, false)]
    [InlineData(300, false)]
    public void Reply_ClientMessageId_MayHaveAtMost128Characters(int length, bool accepted)
    {
        var conversation = Stored();
        var clientMessageId = new string('k', length);

        if (accepted)
        {
            conversation.Reply(Anna, "Hi!", clientMessageId, T1).ClientMessageId.ShouldBe(clientMessageId);
            conversation.FirstReplyAt.ShouldBe(T1);
        }
        else
        {
            Should.Throw<DomainException>(() => conversation.Reply(Anna, "Hi!", clientMessageId, T1))
                .Code.ShouldBe("message.client_id_invalid");
            conversation.FirstReplyAt.ShouldBeNull();
            conversation.LastAgentReplyAt.ShouldBeNull();
            conversation.LastMessagePreview.ShouldBeEmpty();
        }
    }

    [Theory]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public void AddNote_ClientMessageId_MayHaveAtMost128Characters(int length, bool accepted)
    {
        var conversation = Stored();
        var clientMessageId = new string('k', length);

        if (accepted)
        {
            conversation.AddNote(Anna, "Note", clientMessageId, T1).ClientMessageId.ShouldBe(clientMessageId);
        }
        else
        {
            Should.Throw<DomainException>(() => conversation.AddNote(Anna, "Note", clientMessageId, T1))
                .Code.ShouldBe("message.client_id_invalid");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void EveryWrittenMessage_WithEmptyText_IsRefused(string text)
    {
        var conversation = Stored();

        Should.Throw<DomainException>(() => conversation.ReceiveFromCustomer(text, null, T1)).Code.ShouldBe("message.empty");
        Should.Throw<DomainException>(() => conversation.Reply(Anna, text, "c-1", T1)).Code.ShouldBe("message.empty");
        Should.Throw<DomainException>(() => conversation.AddNote(Anna, text, "n-1", T1)).Code.ShouldBe("message.empty");

        conversation.LastMessagePreview.ShouldBeEmpty();
        conversation.WaitingSince.ShouldBeNull();
        conversation.FirstReplyAt.ShouldBeNull();
    }

    [Fact]
    public void EveryWrittenMessage_OverTheLimit_IsRefused()
    {
        var conversation = Stored();
        var text = new string('x', Message.MaxTextLength + 1);

        Should.Throw<DomainException>(() => conversation.ReceiveFromCustomer(text, null, T1)).Code.ShouldBe("message.too_long");
        Should.Throw<DomainException>(() => conversation.Reply(Anna, text, "c-1", T1)).Code.ShouldBe("message.too_long");
        Should.Throw<DomainException>(() => conversation.AddNote(Anna, text, "n-1", T1)).Code.ShouldBe("message.too_long");
    }

    [Fact]
    public void LastMessagePreview_FollowsCustomerAndAgentMessages_AndTellsWhoseWordsItHolds()
    {
        var conversation = Stored();

        conversation.ReceiveFromCustomer("Where is my parcel?", null, T1);
        conversation.LastMessagePreview.ShouldBe("Where is my parcel?");
        conversation.LastMessageFromCustomer.ShouldBeTrue();

        conversation.Reply(Anna, "It ships today.", "c-1", T2);
        conversation.LastMessagePreview.ShouldBe("It ships today.");
        conversation.LastMessageFromCustomer.ShouldBeFalse();

        conversation.ReceiveFromCustomer("Great, thanks!", null, T3);
        conversation.LastMessagePreview.ShouldBe("Great, thanks!");
        conversation.LastMessageFromCustomer.ShouldBeTrue();
    }

    [Fact]
    public void LastMessagePreview_IsNotChangedByNotesOrActivities()
    {
        var conversation = Stored();
        conversation.ReceiveFromCustomer("Where is my parcel?", null, T1);
        var label = StoredLabel(3, "shipping");

        conversation.AddNote(Anna, "Checking with the carrier", "n-1", T2);
        conversation.Assign(Anna, Ben, null, T2);
        conversation.SetPriority(Anna, ConversationPriority.Urgent, T2);
        conversation.AddLabel(Anna, label, T2);
        conversation.MarkPending(Anna, T2);
        conversation.Snooze(Anna, T4, T3);
        conversation.WakeIfDue(T4);
        conversation.Resolve(Anna, T4);
        conversation.Reopen(Anna, T4);

        conversation.LastMessagePreview.ShouldBe("Where is my parcel?");
        conversation.LastMessageFromCustomer.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Hello\nWorld")]
    [InlineData("Hello\r\nWorld")]
    [InlineData("Hello\rWorld")]
    public void LastMessagePreview_ReplacesLineBreaksBySpaces(string text)
    {
        var conversation = Stored();

        var message = conversation.ReceiveFromCustomer(text, null, T1).Single();

        message.Text.ShouldBe(text);
        conversation.LastMessagePreview.ShouldBe("Hello World");
    }

    [Fact]
    public void LastMessagePreview_ReplacesEveryLineBreakOfAnAgentReply()
    {
        var conversation = Stored();

        conversation.Reply(Anna, "Hi,\n\nit ships today.\nAnna", "c-1", T1);

        conversation.LastMessagePreview.ShouldNotContain('\n');
        conversation.LastMessagePreview.ShouldNotContain('\r');
        conversation.LastMessagePreview.ShouldBe("Hi,  it ships today. Anna");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(139)]
    [InlineData(140)]
    public void LastMessagePreview_UpTo140Characters_IsTheWholeText(int length)
    {
        var conversation = Stored();
        var text = new string('a', length);

        conversation.ReceiveFromCustomer(text, null, T1);

        conversation.LastMessagePreview.ShouldBe(text);
    }

    [Theory]
    [InlineData(141)]
    [InlineData(500)]
    [InlineData(4096)]
    public void LastMessagePreview_OfALongerText_IsCutTo140CharactersEndingWithAnEllipsis(int length)
    {
        var conversation = Stored();
        var text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

        conversation.Reply(Anna, text, "c-1", T1);

        conversation.LastMessagePreview.Length.ShouldBe(Conversation.PreviewLength);
        conversation.LastMessagePreview.ShouldEndWith("…");
        conversation.LastMessagePreview.ShouldBe(text[..139] + "…");
    }

    [Fact]
    public void LastMessagePreview_OfALongMultiLineText_IsCutAfterReplacingLineBreaks()
    {
        var conversation = Stored();
        var text = string.Join('\n', Enumerable.Repeat("0123456789", 20));

        conversation.ReceiveFromCustomer(text, null, T1);

        conversation.LastMessagePreview.Length.ShouldBe(140);
        conversation.LastMessagePreview.ShouldNotContain('\n');
        conversation.LastMessagePreview.ShouldBe(text.Replace('\n', ' ')[..139] + "…");
    }

    [Fact]
    public void LastMessagePreview_IsTakenFromTheTrimmedText()
    {
        var conversation = Stored();

        conversation.ReceiveFromCustomer("\n\n   Hello   \n", null, T1);

        conversation.LastMessagePreview.ShouldBe("Hello");
    }

    [Fact]
    public void LastMessagePreview_NeverCutsACharacterInHalf()
    {
        var conversation = Stored();
        // 138 letters, then emoji (two UTF-16 code units each): a cut at 139 code units would split the first emoji.
        var text = new string('a', 138) + string.Concat(Enumerable.Repeat("\U0001F600", 5));

        conversation.ReceiveFromCustomer(text, null, T1);

        var preview = conversation.LastMessagePreview;
        preview.ShouldEndWith("…");
        preview.ShouldStartWith(new string('a', 138));
        var strictUtf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        Should.NotThrow(() => strictUtf8.GetBytes(preview), "the preview holds half of a surrogate pair");
    }
}
