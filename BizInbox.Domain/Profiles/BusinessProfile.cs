namespace BizInbox.Domain.Profiles;

/// <summary>
/// How the business presents itself to customers: on WhatsApp (the business profile Meta shows) and on the
/// public page <c>/b/{slug}</c>. Empty optional fields are stored as empty strings, as WhatsApp reports them.
/// </summary>
public sealed class BusinessProfile
{
    private BusinessProfile()
    {
        Slug = About = Description = Vertical = Address = Email = Website1 = Website2 = string.Empty;
    }

    /// <summary>Same as the business's id: one profile per business.</summary>
    public int Id { get; private set; }

    public string Slug { get; private set; }

    public string About { get; private set; }

    public string Description { get; private set; }

    /// <summary>One of <see cref="ProfileRules.Verticals"/>, or empty.</summary>
    public string Vertical { get; private set; }

    public string Address { get; private set; }

    public string Email { get; private set; }

    public string Website1 { get; private set; }

    public string Website2 { get; private set; }

    /// <summary>The checked, square profile picture (PNG or JPEG), or null.</summary>
    public byte[]? Picture { get; private set; }

    public string? PictureContentType { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The display name waiting for Meta's review, if any.</summary>
    public string? RequestedName { get; private set; }

    public NameReviewStatus NameStatus { get; private set; }

    public string? NameDeclineReason { get; private set; }

    public string? ReportedVerifiedName { get; private set; }

    public string? ReportedNameStatus { get; private set; }

    public string? ReportedNewName { get; private set; }

    public string? ReportedNewNameStatus { get; private set; }

    public bool ReportedOfficialBusinessAccount { get; private set; }

    public string? ReportedQualityRating { get; private set; }

    public string? ReportedMessagingLimitTier { get; private set; }

    /// <summary>When WhatsApp last reported on the number; null when it never did.</summary>
    public DateTimeOffset? ReportedAt { get; private set; }

    /// <summary>What WhatsApp last reported about the connected number, or null.</summary>
    public WhatsAppNumberStatus? LastReport => ReportedAt is { } at
        ? new(ReportedVerifiedName ?? string.Empty, ReportedNameStatus ?? string.Empty, ReportedNewName, ReportedNewNameStatus,
            ReportedOfficialBusinessAccount, ReportedQualityRating ?? string.Empty, ReportedMessagingLimitTier ?? string.Empty, at)
        : null;

    /// <summary>The websites that are set, in order.</summary>
    public IReadOnlyList<string> Websites => new[] { Website1, Website2 }.Where(w => w.Length > 0).ToList();

    /// <summary>A new profile for the business with the given id.</summary>
    public static BusinessProfile Create(int businessId, ProfileFields fields, DateTimeOffset now)
    {
        var profile = new BusinessProfile { Id = businessId };
        profile.Update(fields, now);
        return profile;
    }

    /// <summary>Replaces the text fields after checking every one of them; nothing changes when one is invalid.</summary>
    public void Update(ProfileFields fields, DateTimeOffset now)
    {
        var problems = fields.Problems();
        if (problems.Count > 0)
        {
            var first = problems.First();
            throw new DomainException(first.Value, $"The profile field {first.Key} is invalid ({first.Value}).");
        }

        var clean = fields.Normalized();
        (Slug, About, Description, Vertical, Address, Email) = (clean.Slug, clean.About, clean.Description, clean.Vertical, clean.Address, clean.Email);
        Website1 = clean.Websites.ElementAtOrDefault(0) ?? string.Empty;
        Website2 = clean.Websites.ElementAtOrDefault(1) ?? string.Empty;
        UpdatedAt = now;
    }

    /// <summary>Sets the picture; the caller has checked its content (type, size, dimensions).</summary>
    public void ChangePicture(byte[]? picture, string? contentType, DateTimeOffset now)
    {
        Picture = picture;
        PictureContentType = picture is null ? null : contentType;
        UpdatedAt = now;
    }

    /// <summary>The current text fields, as the editor starts from them.</summary>
    public ProfileFields Fields() => new(Slug, About, Description, Vertical, Address, Email, Websites);

    /// <summary>The display-name review, with <paramref name="approvedName"/> (the business's name) as the name in use.</summary>
    public DisplayNameReview Review(string approvedName) => DisplayNameReview.Restore(approvedName, RequestedName, NameStatus, NameDeclineReason);

    /// <summary>Keeps the outcome of a step of <see cref="Review"/>.</summary>
    public void Record(DisplayNameReview review) =>
        (RequestedName, NameStatus, NameDeclineReason) = (review.RequestedName, review.Status, review.DeclineReason);

    /// <summary>Forgets WhatsApp's last report, when the number it was about is disconnected.</summary>
    public void ForgetReport() =>
        (ReportedVerifiedName, ReportedNameStatus, ReportedNewName, ReportedNewNameStatus, ReportedOfficialBusinessAccount,
            ReportedQualityRating, ReportedMessagingLimitTier, ReportedAt) = (null, null, null, null, false, null, null, null);

    /// <summary>Keeps what WhatsApp reported; the badge and the verification panel read it without asking Meta.</summary>
    public void Reported(WhatsAppNumberStatus status) =>
        (ReportedVerifiedName, ReportedNameStatus, ReportedNewName, ReportedNewNameStatus, ReportedOfficialBusinessAccount,
            ReportedQualityRating, ReportedMessagingLimitTier, ReportedAt) =
        (status.VerifiedName, status.NameStatus, status.NewDisplayName, status.NewNameStatus, status.IsOfficialBusinessAccount,
            status.QualityRating, status.MessagingLimitTier, status.ReportedAt);
}
