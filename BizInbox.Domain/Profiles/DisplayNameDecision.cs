namespace BizInbox.Domain.Profiles;

/// <summary>
/// Meta's decision on a display name, as the <c>phone_number_name_update</c> webhook reports it: <c>decision</c>
/// (APPROVED, REJECTED, PENDING, DEFERRED), <c>requested_verified_name</c> and, for a rejection, <c>rejection_reason</c>
/// (NAME_NOT_CONSISTENT, ...). Webhooks arrive as they happen, so an outcome is known without waiting for the next refresh.
/// </summary>
public sealed record DisplayNameDecision(string Decision, string? RequestedName, string? RejectionReason)
{
    /// <summary>The rejection reasons Meta documents; anything else is shown as Meta wrote it.</summary>
    public static readonly IReadOnlyList<string> KnownReasons =
    [
        "NAME_EMPLOYEE_ISSUE", "NAME_ENDCLIENT_NOTRELATED", "NAME_FORMAT_UNACCEPTABLE", "NAME_INDIVIDUAL_ISSUE", "NAME_NOT_CONSISTENT", "UNKNOWN",
    ];

    /// <summary>
    /// The step of <paramref name="review"/> this decision means, or null when it settles nothing: no open request, or a
    /// decision about another name (one requested in WhatsApp Manager, say).
    /// </summary>
    public NameReviewStatus? OutcomeFor(DisplayNameReview review)
    {
        if (!review.IsOpen || (RequestedName is { } name && !string.Equals(name.Trim(), review.RequestedName, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return Decision switch
        {
            "APPROVED" => NameReviewStatus.Approved,
            "REJECTED" or "DECLINED" => NameReviewStatus.Declined,
            "PENDING" or "DEFERRED" when review.Status == NameReviewStatus.Submitted => NameReviewStatus.Pending,
            _ => null,
        };
    }

    /// <summary>Meta's reason, or null for none (Meta writes null or "NONE" when a name is accepted).</summary>
    public string? Reason => RejectionReason is { Length: > 0 } reason && reason.Trim() is var trimmed && trimmed is not ("NONE" or "null") ? trimmed : null;
}
