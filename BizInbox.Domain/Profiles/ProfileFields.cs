namespace BizInbox.Domain.Profiles;

/// <summary>The editable text fields of a <see cref="BusinessProfile"/>, as typed.</summary>
public sealed record ProfileFields(
    string Slug, string About, string Description, string Vertical, string Address, string Email, IReadOnlyList<string> Websites)
{
    /// <summary>Trimmed, slug lower-cased, empty websites dropped.</summary>
    public ProfileFields Normalized() => new(
        (Slug ?? string.Empty).Trim().ToLowerInvariant(),
        (About ?? string.Empty).Trim(),
        (Description ?? string.Empty).Trim(),
        (Vertical ?? string.Empty).Trim(),
        (Address ?? string.Empty).Trim(),
        (Email ?? string.Empty).Trim(),
        (Websites ?? []).Select(w => (w ?? string.Empty).Trim()).Where(w => w.Length > 0).ToList());

    /// <summary>Field name to problem code, for every invalid field; empty when all are valid.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var f = Normalized();
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ProfileRules.SlugProblem(f.Slug) is { } slug)
        {
            problems[nameof(Slug)] = slug;
        }

        Limit(problems, nameof(About), f.About, ProfileRules.MaxAbout);
        Limit(problems, nameof(Description), f.Description, ProfileRules.MaxDescription);
        Limit(problems, nameof(Address), f.Address, ProfileRules.MaxAddress);
        if (f.Vertical.Length > 0 && !ProfileRules.Verticals.Contains(f.Vertical))
        {
            problems[nameof(Vertical)] = "profile.vertical_unknown";
        }

        if (f.Email.Length > 0 && !ProfileRules.IsEmail(f.Email))
        {
            problems[nameof(Email)] = "profile.email_invalid";
        }

        if (f.Websites.Count > ProfileRules.MaxWebsites)
        {
            problems[nameof(Websites)] = "profile.websites_too_many";
        }
        else if (f.Websites.Any(w => !ProfileRules.IsWebsite(w)))
        {
            problems[nameof(Websites)] = "profile.website_invalid";
        }

        return problems;
    }

    private static void Limit(Dictionary<string, string> problems, string field, string value, int max)
    {
        if (value.Length > max)
        {
            problems[field] = "profile.too_long";
        }
    }
}
