using BizInbox.Domain;
using BizInbox.Domain.Profiles;

namespace BizInbox.Tests.Domain.Profiles;

public class DisplayNameReviewTests
{
    [Fact]
    public void Request_IsSubmittedAndKeepsTheApprovedName()
    {
        var review = DisplayNameReview.Settled("Schmidt");

        review.Request(" Bäckerei Schmidt ");

        review.Status.ShouldBe(NameReviewStatus.Submitted);
        review.RequestedName.ShouldBe("Bäckerei Schmidt");
        review.ApprovedName.ShouldBe("Schmidt");
    }

    [Fact]
    public void Approve_AfterPending_MakesTheRequestedNameTheNameInUse()
    {
        var review = DisplayNameReview.Settled("Schmidt");
        review.Request("Bäckerei Schmidt");
        review.MarkPending();
        review.ApprovedName.ShouldBe("Schmidt");

        review.Approve();

        review.ApprovedName.ShouldBe("Bäckerei Schmidt");
        review.RequestedName.ShouldBeNull();
        review.Status.ShouldBe(NameReviewStatus.Approved);
    }

    [Fact]
    public void Decline_KeepsTheApprovedNameAndTheReason()
    {
        var review = DisplayNameReview.Settled("Schmidt");
        review.Request("Best Bakery");
        review.MarkPending();

        review.Decline(" Generic words only ");

        review.ApprovedName.ShouldBe("Schmidt");
        review.Status.ShouldBe(NameReviewStatus.Declined);
        review.DeclineReason.ShouldBe("Generic words only");
        review.IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void Request_AfterADecline_StartsANewReviewWithoutTheOldReason()
    {
        var review = DisplayNameReview.Restore("Schmidt", "Best Bakery", NameReviewStatus.Declined, "Generic");

        review.Request("Bäckerei Schmidt");

        review.Status.ShouldBe(NameReviewStatus.Submitted);
        review.DeclineReason.ShouldBeNull();
    }

    [Theory]
    [InlineData(NameReviewStatus.Submitted)]
    [InlineData(NameReviewStatus.Pending)]
    public void Request_WhileAReviewIsOpen_IsRefused(NameReviewStatus status) =>
        Should.Throw<DomainException>(() => DisplayNameReview.Restore("A", "B", status, null).Request("C")).Code.ShouldBe("profile.name_review_open");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Request_WithoutAName_IsRefused(string name) =>
        Should.Throw<DomainException>(() => DisplayNameReview.Settled("A").Request(name)).Code.ShouldBe("profile.name_invalid");

    [Fact]
    public void Request_OfTheNameInUse_IsRefused() =>
        Should.Throw<DomainException>(() => DisplayNameReview.Settled("Schmidt").Request("Schmidt")).Code.ShouldBe("profile.name_unchanged");

    [Theory]
    [InlineData(NameReviewStatus.None)]
    [InlineData(NameReviewStatus.Approved)]
    [InlineData(NameReviewStatus.Declined)]
    public void Outcomes_WithoutAnOpenReview_AreRefused(NameReviewStatus status)
    {
        var review = DisplayNameReview.Restore("A", null, status, null);

        Should.Throw<DomainException>(review.Approve).Code.ShouldBe("profile.name_review_none");
        Should.Throw<DomainException>(() => review.Decline("x")).Code.ShouldBe("profile.name_review_none");
        Should.Throw<DomainException>(review.MarkPending).Code.ShouldBe("profile.name_review_none");
    }
}
