using BizInbox.Domain.Profiles;

namespace BizInbox.Web.Features.Profiles;

/// <summary>The fields that differ between two versions of the profile, keyed as the change history names them.</summary>
public static class ProfileDiff
{
    public static IEnumerable<(string Field, string Before, string After)> Between(ProfileFields? before, ProfileFields after)
    {
        IEnumerable<(string Field, string Before, string After)> All(ProfileFields? b) =>
        [
            ("slug", b?.Slug ?? "", after.Slug), ("about", b?.About ?? "", after.About),
            ("description", b?.Description ?? "", after.Description), ("vertical", b?.Vertical ?? "", after.Vertical),
            ("address", b?.Address ?? "", after.Address), ("email", b?.Email ?? "", after.Email),
            ("websites", string.Join(" ", b?.Websites ?? []), string.Join(" ", after.Websites)),
        ];

        return All(before).Where(c => c.Before != c.After);
    }
}
