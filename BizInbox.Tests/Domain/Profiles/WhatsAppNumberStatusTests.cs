using BizInbox.Domain.Profiles;

namespace BizInbox.Tests.Domain.Profiles;

public class WhatsAppNumberStatusTests
{
    [Theory]
    [InlineData(NameReviewStatus.Submitted, "Old", "APPROVED", "New", "PENDING_REVIEW", NameReviewStatus.Pending)]
    [InlineData(NameReviewStatus.Pending, "Old", "APPROVED", "New", "PENDING_REVIEW", null)]
    [InlineData(NameReviewStatus.Pending, "New", "APPROVED", "New", "APPROVED", NameReviewStatus.Approved)]
    [InlineData(NameReviewStatus.Pending, "New", "APPROVED", null, null, NameReviewStatus.Approved)]
    [InlineData(NameReviewStatus.Submitted, "Old", "APPROVED", "New", "DECLINED", NameReviewStatus.Declined)]
    [InlineData(NameReviewStatus.Pending, "Old", "APPROVED", null, null, null)]
    [InlineData(NameReviewStatus.None, "Old", "APPROVED", "New", "APPROVED", null)]
    public void Report_MovesAnOpenReviewOnOnlyWhenMetaDecided(
        NameReviewStatus status, string verifiedName, string nameStatus, string? newName, string? newNameStatus, NameReviewStatus? expected)
    {
        var review = DisplayNameReview.Restore("Old", status == NameReviewStatus.None ? null : "New", status, null);
        var report = new WhatsAppNumberStatus(verifiedName, nameStatus, newName, newNameStatus, false, "GREEN", "TIER_1K", DateTimeOffset.UnixEpoch);

        report.OutcomeFor(review).ShouldBe(expected);
    }
}
