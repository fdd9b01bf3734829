namespace BizInbox.Domain.Profiles;

/// <summary>
/// A display-name change is a request to Meta, not an edit: the approved name stays in use everywhere until
/// Meta approves the requested one; a decline keeps the approved name and records the reason.
/// </summary>
public sealed class DisplayNameReview
{
    public const int MaxNameLength = 120;

    public const int MaxReasonLength = 200;

    private DisplayNameReview(string approvedName)
    {
        ApprovedName = approvedName;
    }

    /// <summary>The name customers see.</summary>
    public string ApprovedName { get; private set; }

    public string? RequestedName { get; private set; }

    public NameReviewStatus Status { get; private set; }

    public string? DeclineReason { get; private set; }

    /// <summary>Whether a request is still waiting for Meta.</summary>
    public bool IsOpen => Status is NameReviewStatus.Submitted or NameReviewStatus.Pending;

    /// <summary>Starts from the name in use.</summary>
    public static DisplayNameReview Settled(string approvedName) => new(approvedName);

    /// <summary>Restores a stored review.</summary>
    public static DisplayNameReview Restore(string approvedName, string? requestedName, NameReviewStatus status, string? declineReason) =>
        new(approvedName) { RequestedName = requestedName, Status = status, DeclineReason = declineReason };

    /// <summary>Requests <paramref name="name"/>; refused while another request is open or when nothing changes.</summary>
    public void Request(string name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            throw new DomainException("profile.name_invalid", "The display name needs 1 to 120 characters.");
        }

        if (IsOpen)
        {
            throw new DomainException("profile.name_review_open", "A display name is already under review.");
        }

        if (string.Equals(trimmed, ApprovedName, StringComparison.Ordinal))
        {
            throw new DomainException("profile.name_unchanged", "That is already the display name.");
        }

        (RequestedName, Status, DeclineReason) = (trimmed, NameReviewStatus.Submitted, null);
    }

    /// <summary>Meta confirmed it is reviewing the request.</summary>
    public void MarkPending()
    {
        RequireOpen();
        Status = NameReviewStatus.Pending;
    }

    /// <summary>Meta approved: the requested name becomes the name in use.</summary>
    public void Approve()
    {
        RequireOpen();
        (ApprovedName, RequestedName, Status) = (RequestedName!, null, NameReviewStatus.Approved);
    }

    /// <summary>Meta declined: the approved name stays.</summary>
    public void Decline(string? reason)
    {
        RequireOpen();
        (Status, DeclineReason) = (NameReviewStatus.Declined, string.IsNullOrWhiteSpace(reason) ? null : Clip(reason.Trim()));
    }

    /// <summary>Takes one step Meta reported (pending, approved or declined with its reason); false when it is no step.</summary>
    public bool Settle(NameReviewStatus outcome, string? reason = null)
    {
        switch (outcome)
        {
            case NameReviewStatus.Pending:
                MarkPending();
                return true;
            case NameReviewStatus.Approved:
                Approve();
                return true;
            case NameReviewStatus.Declined:
                Decline(reason);
                return true;
            default:
                return false;
        }
    }

    private static string Clip(string reason) => reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];

    private void RequireOpen()
    {
        if (!IsOpen)
        {
            throw new DomainException("profile.name_review_none", "No display name is under review.");
        }
    }
}
