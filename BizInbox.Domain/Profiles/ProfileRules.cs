using BizInbox.Domain.Team;

namespace BizInbox.Domain.Profiles;

/// <summary>
/// WhatsApp's limits for the business profile (Cloud API, POST /{phone-number-id}/whatsapp_business_profile),
/// plus our public page's slug rules. Kept in one place so the editor, the service and the sync agree.
/// </summary>
public static class ProfileRules
{
    public const int MaxAbout = 139;
    public const int MaxDescription = 512;
    public const int MaxAddress = 256;
    public const int MaxEmail = 128;
    public const int MaxWebsite = 256;
    public const int MaxWebsites = 2;
    public const int MinSlug = 3;
    public const int MaxSlug = 60;

    /// <summary>The verticals Meta accepts for the <c>vertical</c> field.</summary>
    public static readonly IReadOnlyList<string> Verticals =
    [
        "UNDEFINED", "OTHER", "AUTO", "BEAUTY", "APPAREL", "EDU", "ENTERTAIN", "EVENT_PLAN", "FINANCE", "GROCERY",
        "GOVT", "HOTEL", "HEALTH", "NONPROFIT", "PROF_SERVICES", "RETAIL", "TRAVEL", "RESTAURANT", "ALCOHOL",
        "ONLINE_GAMBLING", "PHYSICAL_GAMBLING", "OTC_DRUGS",
    ];

    /// <summary>Paths of the app that a slug must not shadow or impersonate.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin", "api", "app", "account", "b", "bizinbox", "chat", "help", "inbox", "login", "logout", "meta",
        "new", "official", "profile", "root", "settings", "setup", "support", "system", "verified", "whatsapp", "www",
    };

    /// <summary>The problem with <paramref name="slug"/>, as a <see cref="DomainException"/> code, or null when valid.</summary>
    public static string? SlugProblem(string slug)
    {
        if (slug.Length is < MinSlug or > MaxSlug)
        {
            return "profile.slug_length";
        }

        if (!slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || slug.StartsWith('-') || slug.EndsWith('-') || slug.Contains("--", StringComparison.Ordinal))
        {
            return "profile.slug_characters";
        }

        return ReservedSlugs.Contains(slug) ? "profile.slug_reserved" : null;
    }

    /// <summary>A slug suggestion from a business name: "Bäckerei Schmidt" becomes "baeckerei-schmidt".</summary>
    public static string SuggestSlug(string name)
    {
        var text = name.Trim().ToLowerInvariant().Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
            .Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal);
        var chars = text.Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        slug = slug.Length > MaxSlug ? slug[..MaxSlug].TrimEnd('-') : slug;
        return SlugProblem(slug) is null ? slug : $"{slug}-shop".TrimStart('-');
    }

    /// <summary>Whether <paramref name="website"/> is an absolute http or https address within WhatsApp's limit.</summary>
    public static bool IsWebsite(string website) =>
        website.Length <= MaxWebsite
        && Uri.TryCreate(website, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>Whether <paramref name="email"/> is plausible and within WhatsApp's limit.</summary>
    public static bool IsEmail(string email) => email.Length <= MaxEmail && EmailAddress.IsPlausible(email);
}
