namespace BizInbox.Domain.Profiles;

/// <summary>
/// What WhatsApp last reported about the connected number (Cloud API, GET /{phone-number-id} with the fields
/// verified_name, name_status, new_display_name, new_name_status, is_official_business_account, quality_rating,
/// messaging_limit_tier). Meta decides these; we only show them and follow the name review.
/// </summary>
public sealed record WhatsAppNumberStatus(
    string VerifiedName, string NameStatus, string? NewDisplayName, string? NewNameStatus, bool IsOfficialBusinessAccount,
    string QualityRating, string MessagingLimitTier, DateTimeOffset ReportedAt)
{
    /// <summary>
    /// The step of a name review this report means, or null when it settles nothing: Meta reports the requested
    /// name's review as new_name_status; once approved, the name becomes verified_name with name_status APPROVED.
    /// </summary>
    public NameReviewStatus? OutcomeFor(DisplayNameReview review)
    {
        if (!review.IsOpen)
        {
            return null;
        }

        if (NewNameStatus is "APPROVED" || (NewNameStatus is null && NameStatus == "APPROVED" && VerifiedName == review.RequestedName))
        {
            return NameReviewStatus.Approved;
        }

        if (NewNameStatus is "DECLINED" or "REJECTED" || (NewNameStatus is null && NameStatus == "DECLINED" && VerifiedName == review.RequestedName))
        {
            return NameReviewStatus.Declined;
        }

        return NewNameStatus is "PENDING_REVIEW" && review.Status == NameReviewStatus.Submitted ? NameReviewStatus.Pending : null;
    }
}
