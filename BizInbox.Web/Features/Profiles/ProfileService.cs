using BizInbox.Domain;
using BizInbox.Domain.Businesses;
using BizInbox.Domain.Profiles;
using BizInbox.Domain.Team;
using BizInbox.Web.Channels;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Identity;
using BizInbox.Web.Ui;

namespace BizInbox.Web.Features.Profiles;

/// <summary>The business's own settings, as the profile editor changes them.</summary>
public sealed record BusinessSettings(string TimeZoneId, string Country, string Language);

/// <summary>Everything the editor starts from.</summary>
public sealed record ProfileEditorState(
    string Name, BusinessSettings Settings, ProfileFields Fields, bool HasPicture, DateTimeOffset UpdatedAt,
    string? RequestedName, NameReviewStatus NameStatus, string? DeclineReason, string? WhatsAppNumber, WhatsAppNumberStatus? Report = null);

/// <summary>What anyone may see on the public page.</summary>
public sealed record PublicProfile(string Name, string Slug, ProfileFields Fields, bool HasPicture, string? WhatsAppNumber, string Language, bool Verified = false);

public sealed record ProfileChangeRow(DateTimeOffset At, string ActorName, string Field, string Before, string After);

/// <summary>The business profile (Owner only), its change history, and the display-name review.</summary>
public sealed class ProfileService(IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock, BusinessTime businessTime, AuditLog audit,
    WhatsAppProfileSync whatsApp) : IBusinessIdentitySource
{
    public async Task<ProfileEditorState> GetAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.EditBusinessProfile, ct);
        var business = await db.TheBusiness.SingleAsync(ct);
        var profile = await db.BusinessProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.Id == Business.SingletonId, ct);
        var number = await db.WhatsAppConnections.AsNoTracking().Select(c => c.DisplayPhoneNumber).FirstOrDefaultAsync(ct);
        var settings = new BusinessSettings(business.TimeZoneId, business.Country, business.DefaultLanguage);
        return profile is null
            ? new(business.Name, settings, new(ProfileRules.SuggestSlug(business.Name), "", "", "", "", "", []), false, business.CreatedAt, null, NameReviewStatus.None, null, number)
            : new(business.Name, settings, profile.Fields(), profile.Picture is not null, profile.UpdatedAt, profile.RequestedName, profile.NameStatus, profile.NameDeclineReason, number,
                number is null ? null : profile.LastReport);
    }

    /// <summary>Saves the profile fields and the business settings together; each changed field is recorded.</summary>
    public async Task SaveAsync(CurrentMember actor, BusinessSettings settings, ProfileFields fields, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.EditBusinessProfile, ct);
        var now = clock.GetUtcNow();
        var business = await db.Businesses.SingleAsync(b => b.Id == Business.SingletonId, ct);
        var before = (business.TimeZoneId, business.Country, business.DefaultLanguage);
        business.ChangeTimeZone(settings.TimeZoneId);
        business.ChangeCountry(settings.Country);
        business.ChangeDefaultLanguage(settings.Language);

        var profile = await db.BusinessProfiles.SingleOrDefaultAsync(p => p.Id == Business.SingletonId, ct);
        var old = profile?.Fields();
        var slug = fields.Normalized().Slug;
        if (await db.BusinessProfiles.AnyAsync(p => p.Slug == slug && p.Id != Business.SingletonId, ct))
        {
            throw new DomainException("profile.slug_taken", "Another business uses this address.");
        }

        if (profile is null)
        {
            profile = BusinessProfile.Create(Business.SingletonId, fields, now);
            db.BusinessProfiles.Add(profile);
        }
        else
        {
            profile.Update(fields, now);
        }

        (string Field, string Before, string After)[] settingChanges =
        [
            ("time_zone", before.TimeZoneId, business.TimeZoneId), ("country", before.Country, business.Country),
            ("language", before.DefaultLanguage, business.DefaultLanguage),
        ];
        var changes = ProfileDiff.Between(old, profile.Fields()).Concat(settingChanges.Where(c => c.Before != c.After));
        var changed = changes.ToList();
        db.ProfileChanges.AddRange(changed.Select(c => ProfileChange.Of(c.Field, c.Before, c.After, me.Id, me.DisplayName, now)));
        if (changed.Count > 0)
        {
            audit.Add(db, actor, Domain.Audit.AuditAction.ProfileChanged, details: string.Join(", ", changed.Select(c => c.Field)));
        }

        await db.SaveChangesAsync(ct);
        if (before.TimeZoneId != business.TimeZoneId)
        {
            businessTime.ZoneChanged();
        }
    }

    /// <summary>The picture cropped in the browser, read from its stream; checked like any other.</summary>
    public async Task ChangePictureAsync(CurrentMember actor, Stream content, CancellationToken ct = default)
    {
        byte[] picture;
        try
        {
            picture = await BizInbox.Web.Channels.LimitedRead.ReadAllAsync(content, ProfilePicture.MaxBytes, null, ct);
        }
        catch (BizInbox.Web.Channels.ContentTooLargeException)
        {
            throw new DomainException("profile.picture_too_large", "The picture is larger than 5 MB.");
        }

        await ChangePictureAsync(actor, picture, ct);
    }

    /// <summary>Stores a checked picture (PNG or JPEG by content, at most 5 MB, square, at least 192×192).</summary>
    public async Task ChangePictureAsync(CurrentMember actor, byte[] content, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.EditBusinessProfile, ct);
        var type = ProfilePicture.Check(content);
        var profile = await db.BusinessProfiles.SingleOrDefaultAsync(p => p.Id == Business.SingletonId, ct)
            ?? throw new DomainException("profile.save_first", "Save the profile before adding a picture.");
        var now = clock.GetUtcNow();
        profile.ChangePicture(content, type, now);
        db.ProfileChanges.Add(ProfileChange.Of("picture", null, $"{type}, {content.Length / 1024} KB", me.Id, me.DisplayName, now));
        audit.Add(db, actor, Domain.Audit.AuditAction.ProfileChanged, details: "picture");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Asks for a new display name. Without a WhatsApp number nobody reviews it, so it applies at once; with one,
    /// it is submitted to WhatsApp and waits for Meta's review while the approved name stays in use.
    /// </summary>
    public async Task RequestNameAsync(CurrentMember actor, string name, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.EditBusinessProfile, ct);
        var business = await db.Businesses.SingleAsync(b => b.Id == Business.SingletonId, ct);
        var profile = await db.BusinessProfiles.SingleOrDefaultAsync(p => p.Id == Business.SingletonId, ct)
            ?? throw new DomainException("profile.save_first", "Save the profile before changing the name.");
        var review = profile.Review(business.Name);
        review.Request(name);
        var now = clock.GetUtcNow();
        if (await whatsApp.SubmitNameAsync(review.RequestedName!, ct))
        {
            profile.Record(review);
            db.ProfileChanges.Add(ProfileChange.Of("name_request", business.Name, review.RequestedName, me.Id, me.DisplayName, now));
        }
        else
        {
            db.ProfileChanges.Add(ProfileChange.Of("name", business.Name, review.RequestedName, me.Id, me.DisplayName, now));
            business.Rename(review.RequestedName!);
        }

        audit.Add(db, actor, Domain.Audit.AuditAction.ProfileChanged, details: $"display name: {review.RequestedName}");

        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ProfileChangeRow>> HistoryAsync(CurrentMember actor, int take = 50, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.EditBusinessProfile, ct);
        var rows = await db.ProfileChanges.AsNoTracking().OrderByDescending(c => c.Id).Take(take)
            .Select(c => new ProfileChangeRow(c.At, c.ActorName, c.Field, c.Before, c.After)).ToListAsync(ct);
        return rows;
    }

    /// <summary>The public profile at <paramref name="slug"/>, or null. Anonymous by design.</summary>
    public async Task<PublicProfile?> PublicAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var profile = await db.BusinessProfiles.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new { Profile = p, HasPicture = p.Picture != null }).SingleOrDefaultAsync(ct);
        if (profile is null)
        {
            return null;
        }

        var business = await db.TheBusiness.SingleAsync(ct);
        var number = await db.WhatsAppConnections.AsNoTracking().Select(c => c.DisplayPhoneNumber).FirstOrDefaultAsync(ct);
        return new(business.Name, slug, profile.Profile.Fields(), profile.HasPicture, number, business.DefaultLanguage,
            number is not null && profile.Profile.ReportedOfficialBusinessAccount);
    }

    /// <summary>The name in use and the badge, for the header and the web chat. Anyone may see it.</summary>
    public async Task<BusinessIdentity> IdentityAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var name = await db.TheBusiness.Select(b => b.Name).SingleAsync(ct);
        var official = await db.BusinessProfiles.AnyAsync(p => p.Id == Business.SingletonId && p.ReportedOfficialBusinessAccount, ct);
        return new(name, official && await db.WhatsAppConnections.AnyAsync(ct));
    }

    /// <summary>The picture of the public profile at <paramref name="slug"/>, or null.</summary>
    public async Task<(byte[] Content, string ContentType)?> PictureAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.BusinessProfiles.AsNoTracking().Where(p => p.Slug == slug && p.Picture != null)
            .Select(p => new { p.Picture, p.PictureContentType }).SingleOrDefaultAsync(ct);
        return row is null ? null : (row.Picture!, row.PictureContentType!);
    }
}
