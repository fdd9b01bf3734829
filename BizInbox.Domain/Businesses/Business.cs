namespace BizInbox.Domain.Businesses;

/// <summary>
/// The business that runs this BizInbox installation. One installation serves one business; the row is
/// created by the first-run setup together with its owner.
/// </summary>
public sealed class Business
{
    /// <summary>The single business always has this identifier, which makes a second setup impossible.</summary>
    public const int SingletonId = 1;

    /// <summary>Longest business name accepted.</summary>
    public const int MaxNameLength = 120;

    private Business()
    {
        Name = string.Empty;
        TimeZoneId = "Europe/Berlin";
        Country = "DE";
        DefaultLanguage = "de";
    }

    /// <summary>Languages the app speaks to customers and new members.</summary>
    public static readonly IReadOnlyList<string> Languages = ["de", "en"];

    /// <summary>Always <see cref="SingletonId"/>.</summary>
    public int Id { get; private set; }

    /// <summary>The name customers and agents see.</summary>
    public string Name { get; private set; }

    /// <summary>IANA time zone of the business (business hours and reports use it).</summary>
    public string TimeZoneId { get; private set; }

    /// <summary>ISO 3166 alpha-2 country; national phone numbers are read in its numbering plan.</summary>
    public string Country { get; private set; }

    /// <summary>"de" or "en": the language customers are greeted in when theirs is unknown.</summary>
    public string DefaultLanguage { get; private set; }

    /// <summary>Every member must sign in with a second factor (an authenticator app) before using the console.</summary>
    public bool RequiresTwoFactor { get; private set; }

    /// <summary>When setup created it.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Creates the business at first-run setup.</summary>
    public static Business Create(string name, string timeZoneId, DateTimeOffset now)
    {
        var business = new Business { Id = SingletonId, CreatedAt = now };
        business.Rename(name);
        business.ChangeTimeZone(timeZoneId);
        return business;
    }

    /// <summary>Changes the name after validating it.</summary>
    public void Rename(string name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new DomainException("business.name_required", "The business needs a name.");
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw new DomainException("business.name_too_long", $"The name may have at most {MaxNameLength} characters.");
        }

        Name = trimmed;
    }

    /// <summary>Changes the time zone; it must be known to the system.</summary>
    public void ChangeTimeZone(string timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId) || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _))
        {
            throw new DomainException("business.timezone_unknown", "The time zone is not known.");
        }

        TimeZoneId = timeZoneId;
    }

    /// <summary>Changes the country; it must be a region libphonenumber knows (ISO 3166 alpha-2).</summary>
    public void ChangeCountry(string country)
    {
        var code = (country ?? string.Empty).Trim().ToUpperInvariant();
        if (code.Length != 2 || !PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(code))
        {
            throw new DomainException("business.country_unknown", "The country is not known.");
        }

        Country = code;
    }

    /// <summary>Turns the team-wide two-factor requirement on or off (the caller checks that an owner asks).</summary>
    public void RequireTwoFactor(bool required) => RequiresTwoFactor = required;

    /// <summary>Changes the default language to one the app speaks.</summary>
    public void ChangeDefaultLanguage(string language)
    {
        if (!Languages.Contains(language))
        {
            throw new DomainException("business.language_unknown", "The language is not supported.");
        }

        DefaultLanguage = language;
    }
}
