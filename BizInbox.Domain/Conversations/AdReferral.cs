namespace BizInbox.Domain.Conversations;

/// <summary>
/// The ad or post a customer's message came from (WhatsApp's click-to-WhatsApp <c>referral</c>): where it ran, what it
/// said and showed, and Meta's click id (<c>ctwa_clid</c>) for conversion reports. Kept with the message it opened.
/// </summary>
public sealed record AdReferral(
    string SourceType, string? SourceId, string? SourceUrl, string? Headline, string? Body, string? MediaType,
    string? ImageUrl, string? VideoUrl, string? ThumbnailUrl, string? CtwaClid)
{
    /// <summary>Longest headline or body kept.</summary>
    public const int MaxTextLength = 1000;

    /// <summary>Longest web address kept.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Longest source id or click id kept.</summary>
    public const int MaxIdLength = 200;
}
