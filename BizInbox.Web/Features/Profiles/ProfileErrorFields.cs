namespace BizInbox.Web.Features.Profiles;

/// <summary>Which editor field each refusal belongs to, so its message shows next to that field.</summary>
public static class ProfileErrorFields
{
    public static readonly IReadOnlyDictionary<string, string> ByCode = new Dictionary<string, string>
    {
        ["profile.slug_length"] = "Slug", ["profile.slug_characters"] = "Slug", ["profile.slug_reserved"] = "Slug", ["profile.slug_taken"] = "Slug",
        ["profile.email_invalid"] = "Email", ["profile.website_invalid"] = "Websites", ["profile.websites_too_many"] = "Websites",
        ["profile.vertical_unknown"] = "Vertical", ["business.timezone_unknown"] = "TimeZone", ["business.country_unknown"] = "Country",
        ["business.language_unknown"] = "Language", ["profile.name_invalid"] = "Name", ["profile.name_review_open"] = "Name",
        ["profile.name_unchanged"] = "Name", ["profile.picture_type"] = "Picture", ["profile.picture_too_small"] = "Picture",
        ["profile.picture_too_large"] = "Picture", ["profile.picture_not_square"] = "Picture", ["profile.save_first"] = "Picture",
    };
}
