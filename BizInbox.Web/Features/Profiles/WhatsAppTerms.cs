using Microsoft.Extensions.Localization;

namespace BizInbox.Web.Features.Profiles;

/// <summary>A value WhatsApp reports, in our words, with a short explanation; Raw is Meta's own term.</summary>
public sealed record WhatsAppTerm(string Raw, string Text, string? Explanation);

/// <summary>
/// Meta's terms (NAME_NOT_CONSISTENT, ...) in the owner's language. A value Meta adds later is shown as Meta wrote it,
/// so nothing it reports is hidden.
/// </summary>
public static class WhatsAppTerms
{
    public static WhatsAppTerm RejectionReason(IStringLocalizer L, string raw) => raw switch
    {
        "NAME_EMPLOYEE_ISSUE" or "NAME_INDIVIDUAL_ISSUE" => new(raw, L["The name contains a person's name or an employee's identifier."], null),
        "NAME_ENDCLIENT_NOTRELATED" => new(raw, L["The name contains the name of an unrelated business."], null),
        "NAME_FORMAT_UNACCEPTABLE" => new(raw, L["The name's format is not accepted (capitals, punctuation, emoji or generic words only)."], null),
        "NAME_NOT_CONSISTENT" => new(raw, L["The name does not match the business's branding (website, signage, documents)."], null),
        "UNKNOWN" => new(raw, L["WhatsApp gave no reason; Meta's support can tell you more."], null),
        _ => Unknown(raw),
    };

    /// <summary>The review status of the verified name (<c>name_status</c>, <c>new_name_status</c>).</summary>
    public static WhatsAppTerm NameStatus(IStringLocalizer L, string raw) => raw switch
    {
        "APPROVED" => new(raw, L["Approved"], L["Meta approved the name; customers see it on WhatsApp."]),
        "AVAILABLE_WITHOUT_REVIEW" => new(raw, L["Usable without review"], L["The name is shown while Meta has not reviewed it yet."]),
        "PENDING_REVIEW" => new(raw, L["Waiting for review"], L["Meta is reviewing the name; this usually takes one to two days."]),
        "DECLINED" => new(raw, L["Declined"], L["Meta declined the name; customers see the phone number instead."]),
        "EXPIRED" => new(raw, L["Expired"], L["The name was not used in time and must be requested again."]),
        "NONE" => new(raw, L["No name"], L["No display name has been requested for this number."]),
        _ => Unknown(raw),
    };

    /// <summary>The number's quality rating, from customers' reactions to the last days' messages.</summary>
    public static WhatsAppTerm QualityRating(IStringLocalizer L, string raw) => raw switch
    {
        "GREEN" => new(raw, L["High"], L["Customers react well to your messages."]),
        "YELLOW" => new(raw, L["Medium"], L["Some customers blocked or reported you recently; send fewer unsolicited messages."]),
        "RED" => new(raw, L["Low"], L["Many customers blocked or reported you; WhatsApp may limit the number soon."]),
        "UNKNOWN" or "NA" => new(raw, L["Not rated yet"], L["WhatsApp has not rated the number yet."]),
        _ => Unknown(raw),
    };

    /// <summary>How many customers the number may start conversations with per 24 hours.</summary>
    public static WhatsAppTerm MessagingLimit(IStringLocalizer L, string raw) => raw switch
    {
        "TIER_50" or "TIER_250" or "TIER_1K" or "TIER_10K" or "TIER_100K" =>
            new(raw, string.Format(L["{0} customers a day"], Customers(raw).ToString("N0", System.Globalization.CultureInfo.CurrentCulture)), L["Business-initiated conversations with different customers in a rolling 24 hours; it grows with good quality."]),
        "TIER_UNLIMITED" => new(raw, L["Unlimited"], L["No limit on business-initiated conversations."]),
        _ => Unknown(raw),
    };

    private static int Customers(string tier) => tier switch
    {
        "TIER_50" => 50,
        "TIER_250" => 250,
        "TIER_1K" => 1_000,
        "TIER_10K" => 10_000,
        _ => 100_000,
    };

    private static WhatsAppTerm Unknown(string raw) => new(raw, raw.Length == 0 ? "–" : raw, null);
}
