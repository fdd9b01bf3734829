using BizInbox.Domain;
using BizInbox.Domain.CannedReplies;
using BizInbox.Domain.Conversations;

namespace BizInbox.Tests.Domain.CannedReplies;

public class CannedReplyTests
{
    [Theory]
    [InlineData("hello", "hello")]
    [InlineData(" /Opening-Hours_2 ", "opening-hours_2")]
    [InlineData("a", "a")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345", "abcdefghijklmnopqrstuvwxyz012345")]
    public void Shortcut_IsTrimmedLoweredAndStrippedOfItsSlash(string input, string stored) =>
        CannedReply.Shared(input, "Hi").Shortcut.ShouldBe(stored);

    [Theory]
    [InlineData("", "canned.shortcut_required")]
    [InlineData(" / ", "canned.shortcut_required")]
    [InlineData("two words", "canned.shortcut_invalid")]
    [InlineData("grüße", "canned.shortcut_invalid")]
    [InlineData("hi!", "canned.shortcut_invalid")]
    [InlineData("a.b", "canned.shortcut_invalid")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", "canned.shortcut_invalid")]
    public void Shortcut_OutsideTheAlphabetOrLength_IsRefused(string input, string code) =>
        Should.Throw<DomainException>(() => CannedReply.Shared(input, "Hi")).Code.ShouldBe(code);

    [Fact]
    public void Text_IsRequired() =>
        Should.Throw<DomainException>(() => CannedReply.Shared("hi", "   ")).Code.ShouldBe("canned.text_required");

    [Fact]
    public void Text_UpToWhatsAppsLimit_IsAccepted_OneMoreIsRefused()
    {
        CannedReply.Shared("long", new string('a', 4096)).Text.Length.ShouldBe(4096);
        Should.Throw<DomainException>(() => CannedReply.Shared("long", new string('a', 4097))).Code.ShouldBe("canned.text_too_long");
    }

    [Fact]
    public void Buttons_BlankOnesAreLeftOut_AndTitlesTrimmed()
    {
        var reply = CannedReply.Shared("yes-no", "Shall we?", ["  Yes ", "", " ", "No"]);

        reply.Buttons.ShouldBe(["Yes", "No"]);
    }

    [Fact]
    public void Buttons_None_MakeAPlainText() =>
        CannedReply.Shared("hi", "Hi").Buttons.ShouldBeEmpty();

    [Theory]
    [InlineData(new[] { "1", "2", "3", "4" }, "interactive.button_count")]
    [InlineData(new[] { "A title longer than 20" }, "interactive.button_title")]
    [InlineData(new[] { "Yes", "yes" }, "interactive.button_duplicate")]
    public void Buttons_FollowWhatsAppsInteractiveRules(string[] titles, string code) =>
        Should.Throw<DomainException>(() => CannedReply.Shared("b", "Pick one", titles)).Code.ShouldBe(code);

    [Fact]
    public void Buttons_LimitTheTextToAnInteractiveBody() =>
        Should.Throw<DomainException>(() => CannedReply.Shared("b", new string('a', 1025), ["Ok"])).Code.ShouldBe("interactive.body_too_long");

    [Fact]
    public void Personal_KnowsItsOwner_Shared_HasNone()
    {
        CannedReply.Personal("user-1", "mine", "Hi").OwnerUserId.ShouldBe("user-1");
        CannedReply.Personal("user-1", "mine", "Hi").IsShared.ShouldBeFalse();
        CannedReply.Shared("ours", "Hi").IsShared.ShouldBeTrue();
    }

    [Fact]
    public void Change_WithInvalidText_KeepsTheOldValues()
    {
        var reply = CannedReply.Shared("hi", "Hello");

        Should.Throw<DomainException>(() => reply.Change("new", ""));

        reply.Shortcut.ShouldBe("hi");
        reply.Text.ShouldBe("Hello");
    }

    [Theory]
    [InlineData(null, null, true)]           // two shared ones
    [InlineData(null, "user-1", true)]       // a shared one over a personal one: the owner would see both
    [InlineData("user-1", null, true)]       // a personal one may not shadow a shared one
    [InlineData("user-1", "user-1", true)]   // one member, two of their own
    [InlineData("user-1", "user-2", false)]  // different members never see each other's
    public void SameShortcut_ClashesWhenOneMemberWouldSeeBoth(string? owner, string? otherOwner, bool clashes)
    {
        var reply = Make(owner, "hi");
        var other = Make(otherOwner, "hi");

        reply.ClashesWith(other).ShouldBe(clashes);
        other.ClashesWith(reply).ShouldBe(clashes);
    }

    [Fact]
    public void DifferentShortcuts_NeverClash() =>
        CannedReply.Shared("hi", "Hi").ClashesWith(CannedReply.Shared("bye", "Bye")).ShouldBeFalse();

    [Fact]
    public void AReply_DoesNotClashWithItself()
    {
        var reply = CannedReply.Shared("hi", "Hi");

        reply.ClashesWith(reply).ShouldBeFalse();
        Should.NotThrow(() => reply.EnsureShortcutFree([reply]));
    }

    [Theory]
    [InlineData("user-1", null, "canned.shortcut_taken_shared")]
    [InlineData(null, "user-1", "canned.shortcut_taken_personal")]
    [InlineData("user-1", "user-1", "canned.shortcut_taken")]
    public void EnsureShortcutFree_NamesWhoHoldsTheShortcut(string? owner, string? holder, string code) =>
        Should.Throw<DomainException>(() => Make(owner, "hi").EnsureShortcutFree([Make("user-9", "other"), Make(holder, "hi")]))
            .Code.ShouldBe(code);

    private static CannedReply Make(string? owner, string shortcut) =>
        owner is null ? CannedReply.Shared(shortcut, "Text") : CannedReply.Personal(owner, shortcut, "Text");

    private static readonly Guid File = Guid.NewGuid();

    [Theory]
    [InlineData(MessageContentType.Image)]
    [InlineData(MessageContentType.Video)]
    [InlineData(MessageContentType.Document)]
    [InlineData(MessageContentType.Audio)]
    public void AFile_IsKeptWithTheText(MessageContentType type) =>
        CannedReply.Shared("prices", "Our prices", attachment: new CannedAttachment(File, type)).AttachmentId.ShouldBe(File);

    [Fact]
    public void AFile_WithButtons_IsRefused() =>
        Should.Throw<DomainException>(() => CannedReply.Shared("prices", "Which one?", ["A", "B"], new CannedAttachment(File, MessageContentType.Image)))
            .Code.ShouldBe("canned.attachment_with_buttons");

    [Theory]
    [InlineData(MessageContentType.Image, 1024, null)]
    [InlineData(MessageContentType.Image, 1025, "canned.caption_too_long")]
    [InlineData(MessageContentType.Document, 1025, "canned.caption_too_long")]
    [InlineData(MessageContentType.Video, 1025, "canned.caption_too_long")]
    [InlineData(MessageContentType.Audio, 4096, null)]
    [InlineData(MessageContentType.Voice, 4096, null)]
    public void WithAPictureVideoOrDocument_TheTextIsACaption_OfAtMost1024Characters(MessageContentType type, int length, string? code)
    {
        var make = () => CannedReply.Personal("user-1", "long", new string('a', length), attachment: new CannedAttachment(File, type));

        if (code is null)
        {
            make().Text.Length.ShouldBe(length);
        }
        else
        {
            Should.Throw<DomainException>(make).Code.ShouldBe(code);
        }
    }

    [Fact]
    public void Change_WithoutAFile_TakesTheFileOff()
    {
        var reply = CannedReply.Shared("prices", "Our prices", attachment: new CannedAttachment(File, MessageContentType.Document));

        reply.Change("prices", "Our prices", buttons: ["Yes"]);

        reply.AttachmentId.ShouldBeNull();
        reply.Buttons.ShouldBe(["Yes"]);
    }
}
