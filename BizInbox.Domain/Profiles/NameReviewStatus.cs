namespace BizInbox.Domain.Profiles;

/// <summary>Where a requested display name stands in Meta's review (WhatsApp's <c>new_name_status</c>).</summary>
public enum NameReviewStatus
{
    /// <summary>No change requested, or the last one is settled.</summary>
    None,

    /// <summary>Sent to Meta, no answer yet.</summary>
    Submitted,

    /// <summary>Meta reports PENDING_REVIEW.</summary>
    Pending,

    Approved,

    Declined,
}
