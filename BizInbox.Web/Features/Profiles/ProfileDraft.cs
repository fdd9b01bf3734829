using BizInbox.Domain.Profiles;

namespace BizInbox.Web.Features.Profiles;

/// <summary>The editor's typed values; kept as typed when a save is refused.</summary>
public sealed class ProfileDraft
{
    public string Slug { get; set; } = "";
    public string About { get; set; } = "";
    public string Description { get; set; } = "";
    public string Vertical { get; set; } = "";
    public string Address { get; set; } = "";
    public string Email { get; set; } = "";
    public string Website1 { get; set; } = "";
    public string Website2 { get; set; } = "";
    public string TimeZoneId { get; set; } = "Europe/Berlin";
    public string Country { get; set; } = "DE";
    public string Language { get; set; } = "de";

    public static ProfileDraft From(ProfileEditorState state) => new()
    {
        Slug = state.Fields.Slug, About = state.Fields.About, Description = state.Fields.Description, Vertical = state.Fields.Vertical,
        Address = state.Fields.Address, Email = state.Fields.Email,
        Website1 = state.Fields.Websites.ElementAtOrDefault(0) ?? "", Website2 = state.Fields.Websites.ElementAtOrDefault(1) ?? "",
        TimeZoneId = state.Settings.TimeZoneId, Country = state.Settings.Country, Language = state.Settings.Language,
    };

    public ProfileFields Fields() => new(Slug, About, Description, Vertical, Address, Email, [Website1, Website2]);

    public BusinessSettings Settings() => new(TimeZoneId, Country, Language);

    /// <summary>A comparable snapshot, to tell unsaved changes.</summary>
    public string Snapshot() => string.Join('\u001f', Slug, About, Description, Vertical, Address, Email, Website1, Website2, TimeZoneId, Country, Language);
}
