using BizInbox.Domain.Profiles;

namespace BizInbox.Tests.Domain.Profiles;

public class DisplayNameDecisionTests
{
    [Theory]
    [InlineData("APPROVED", NameReviewStatus.Submitted, NameReviewStatus.Approved)]
    [InlineData("APPROVED", NameReviewStatus.Pending, NameReviewStatus.Approved)]
    [InlineData("REJECTED", NameReviewStatus.Submitted, NameReviewStatus.Declined)]
    [InlineData("REJECTED", NameReviewStatus.Pending, NameReviewStatus.Declined)]
    [InlineData("PENDING", NameReviewStatus.Submitted, NameReviewStatus.Pending)]
    [InlineData("DEFERRED", NameReviewStatus.Submitted, NameReviewStatus.Pending)]
    [InlineData("DEFERRED", NameReviewStatus.Pending, null)]
    [InlineData("SOMETHING_NEW", NameReviewStatus.Pending, null)]
    [InlineData("APPROVED", NameReviewStatus.Declined, null)]
    [InlineData("APPROVED", NameReviewStatus.None, null)]
    public void OutcomeFor_FollowsMetasDecisionOnlyWhileTheRequestIsOpen(string decision, NameReviewStatus status, NameReviewStatus? expected)
    {
        var review = DisplayNameReview.Restore("Schmidt", "Bäckerei Schmidt", status, null);

        new DisplayNameDecision(decision, "Bäckerei Schmidt", null).OutcomeFor(review).ShouldBe(expected);
    }

    [Fact]
    public void OutcomeFor_ADecisionAboutAnotherName_SettlesNothing()
    {
        var review = DisplayNameReview.Restore("Schmidt", "Bäckerei Schmidt", NameReviewStatus.Pending, null);

        new DisplayNameDecision("APPROVED", "Schmidt GmbH", null).OutcomeFor(review).ShouldBeNull();
        new DisplayNameDecision("APPROVED", " bäckerei schmidt ", null).OutcomeFor(review).ShouldBe(NameReviewStatus.Approved);
        new DisplayNameDecision("APPROVED", null, null).OutcomeFor(review).ShouldBe(NameReviewStatus.Approved);
    }

    [Theory]
    [InlineData("NAME_NOT_CONSISTENT", "NAME_NOT_CONSISTENT")]
    [InlineData(" NAME_EMPLOYEE_ISSUE ", "NAME_EMPLOYEE_ISSUE")]
    [InlineData("NONE", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Reason_IsMetasCode_OrNoneForAnAcceptedName(string? raw, string? expected) =>
        new DisplayNameDecision("REJECTED", "X", raw).Reason.ShouldBe(expected);

    [Fact]
    public void Settle_Declined_KeepsTheApprovedNameAndStoresTheReason()
    {
        var review = DisplayNameReview.Restore("Schmidt", "Best Bread", NameReviewStatus.Pending, null);

        review.Settle(NameReviewStatus.Declined, "NAME_FORMAT_UNACCEPTABLE").ShouldBeTrue();

        (review.Status, review.ApprovedName, review.DeclineReason).ShouldBe((NameReviewStatus.Declined, "Schmidt", "NAME_FORMAT_UNACCEPTABLE"));
    }

    [Fact]
    public void Settle_Approved_MakesTheRequestedNameTheNameInUse()
    {
        var review = DisplayNameReview.Restore("Schmidt", "Best Bread", NameReviewStatus.Submitted, null);

        review.Settle(NameReviewStatus.Approved).ShouldBeTrue();

        (review.Status, review.ApprovedName, review.RequestedName).ShouldBe((NameReviewStatus.Approved, "Best Bread", (string?)null));
    }

    [Fact]
    public void Settle_AClosedReview_IsRefused() =>
        Should.Throw<BizInbox.Domain.DomainException>(() => DisplayNameReview.Settled("Schmidt").Settle(NameReviewStatus.Declined, "UNKNOWN"));
}
