using BizInbox.Domain;
using BizInbox.Domain.Businesses;
using BizInbox.Domain.Profiles;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Templates;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Ui;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Profiles;

/// <summary>What WhatsApp has, and which of our fields differ from it ("about", "websites", ...).</summary>
public sealed record WhatsAppProfileComparison(GraphBusinessProfile Profile, IReadOnlySet<string> Differences);

/// <summary>
/// Keeps the WhatsApp business profile of the connected number in step with ours, and asks WhatsApp what it reports
/// about the number. The local save always comes first: a Graph failure never undoes it, the editor offers to push again.
/// </summary>
public sealed class WhatsAppProfileSync(
    IDbContextFactory<BizInboxDbContext> contexts, WhatsAppConnections connections, GraphApiClient graph, TimeProvider clock,
    AuditLog audit, ILogger<WhatsAppProfileSync> logger) : BizInbox.Web.Channels.IWhatsAppNameDecisions
{
    /// <summary>Sends the saved profile (and the picture when <paramref name="withPicture"/>) to WhatsApp; false without a number.</summary>
    public async Task<bool> PushAsync(CurrentMember actor, bool withPicture, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.EditBusinessProfile, ct);
        if (await NumberAsync(ct) is not { } number
            || await db.BusinessProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.Id == Business.SingletonId, ct) is not { } profile)
        {
            return false;
        }

        await CallAsync(async () =>
        {
            var handle = withPicture && profile.Picture is { } picture
                ? await graph.UploadProfilePictureAsync(number, picture, profile.PictureContentType!, ct)
                : null;
            await graph.UpdateBusinessProfileAsync(number, profile.Fields(), handle, ct);
            return true;
        });
        return true;
    }

    /// <summary>WhatsApp's current profile and where ours differs; null without a number or a saved profile.</summary>
    public async Task<WhatsAppProfileComparison?> CompareAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.EditBusinessProfile, ct);
        if (await NumberAsync(ct) is not { } number
            || await db.BusinessProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.Id == Business.SingletonId, ct) is not { } profile)
        {
            return null;
        }

        var theirs = await CallAsync(() => graph.BusinessProfileAsync(number, ct));
        var vertical = theirs.Vertical == "UNDEFINED" ? "" : theirs.Vertical;
        var whatsApp = new ProfileFields(profile.Slug, theirs.About, theirs.Description, vertical, theirs.Address, theirs.Email, theirs.Websites);
        var differences = ProfileDiff.Between(whatsApp, profile.Fields()).Select(d => d.Field).ToHashSet(StringComparer.Ordinal);
        return new(theirs, differences);
    }

    /// <summary>Asks WhatsApp about the number now (the editor's Refresh).</summary>
    public async Task<WhatsAppNumberStatus?> RefreshAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await actor.RequireAsync(TeamRight.EditBusinessProfile, ct);
        }

        return await RefreshAsync(ct);
    }

    /// <summary>
    /// Asks WhatsApp about the number, keeps the report and moves an open name review on: an approval renames the
    /// business everywhere, a decline keeps the name in use. Null without a number or a saved profile.
    /// </summary>
    public async Task<WhatsAppNumberStatus?> RefreshAsync(CancellationToken ct)
    {
        if (await NumberAsync(ct) is not { } number)
        {
            return null;
        }

        var status = await CallAsync(() => graph.NumberStatusAsync(number, clock.GetUtcNow(), ct));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var business = await db.Businesses.SingleAsync(b => b.Id == Business.SingletonId, ct);
        if (await db.BusinessProfiles.SingleOrDefaultAsync(p => p.Id == Business.SingletonId, ct) is not { } profile)
        {
            return null;
        }

        profile.Reported(status);
        var review = profile.Review(business.Name);
        if (status.OutcomeFor(review) is { } outcome)
        {
            Settle(db, business, profile, review, outcome, null, status.ReportedAt);
        }

        await db.SaveChangesAsync(ct);
        return status;
    }

    /// <summary>
    /// Follows Meta's decision from the <c>phone_number_name_update</c> webhook, when it is about the business's number
    /// (the first connected one, and among <paramref name="signedInboxIds"/>, whose app secret signed the webhook).
    /// False when it settles nothing.
    /// </summary>
    public async Task<bool> ApplyNameDecisionAsync(WhatsAppNameUpdate update, IReadOnlyCollection<int> signedInboxIds, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var number = await db.WhatsAppConnections.AsNoTracking().OrderBy(w => w.InboxId).FirstOrDefaultAsync(ct);
        if (number is null || !signedInboxIds.Contains(number.InboxId) || !SameNumber(number.DisplayPhoneNumber, update.DisplayPhoneNumber)
            || await db.BusinessProfiles.SingleOrDefaultAsync(p => p.Id == Business.SingletonId, ct) is not { } profile)
        {
            return false;
        }

        var business = await db.Businesses.SingleAsync(b => b.Id == Business.SingletonId, ct);
        var review = profile.Review(business.Name);
        if (update.Decision.OutcomeFor(review) is not { } outcome)
        {
            return false;
        }

        Settle(db, business, profile, review, outcome, update.Decision.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>One step of the name review, recorded in the profile's history and the audit log when it settles the request.</summary>
    private void Settle(BizInboxDbContext db, Business business, BusinessProfile profile, DisplayNameReview review, NameReviewStatus outcome, string? reason, DateTimeOffset at)
    {
        var requested = review.RequestedName;
        review.Settle(outcome, reason);
        switch (outcome)
        {
            case NameReviewStatus.Approved:
                db.ProfileChanges.Add(ProfileChange.Of("name", business.Name, review.ApprovedName, null, "WhatsApp", at));
                audit.AddFromWhatsApp(db, Domain.Audit.AuditAction.ProfileChanged, $"display name approved: {review.ApprovedName}");
                business.Rename(review.ApprovedName);
                break;
            case NameReviewStatus.Declined:
                var why = review.DeclineReason is { } r ? $" ({r})" : string.Empty;
                db.ProfileChanges.Add(ProfileChange.Of("name_declined", requested, business.Name + why, null, "WhatsApp", at));
                audit.AddFromWhatsApp(db, Domain.Audit.AuditAction.ProfileChanged, $"display name declined: {requested}{why}");
                break;
        }

        profile.Record(review);
    }

    private static bool SameNumber(string display, string digits) =>
        string.Equals(new string(display.Where(char.IsAsciiDigit).ToArray()), digits, StringComparison.Ordinal);

    /// <summary>Submits a display name for Meta's review; throws when WhatsApp refuses it, so nothing is recorded as pending.</summary>
    internal async Task<bool> SubmitNameAsync(string name, CancellationToken ct)
    {
        if (await NumberAsync(ct) is not { } number)
        {
            return false;
        }

        await CallAsync(async () =>
        {
            await graph.RequestDisplayNameAsync(number, name, ct);
            return true;
        });
        return true;
    }

    /// <summary>The number the business profile belongs to: the first connected one.</summary>
    private async Task<WhatsAppSecrets?> NumberAsync(CancellationToken ct) =>
        (await connections.SecretsAsync(ct)).OrderBy(s => s.InboxId).FirstOrDefault();

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (GraphApiException ex)
        {
            logger.LogWarning("WhatsApp refused a business profile request: {Error}", ex.Error);
            throw WithDetails(new DomainException("profile.whatsapp_refused", $"WhatsApp refused the change: {ex.Error}"), ex.Error.ToString());
        }
        catch (Exception ex) when (ex is GraphUnreachableException or GraphNoAnswerException)
        {
            logger.LogWarning("A business profile request to WhatsApp failed: {Reason}", ex.Message);
            throw WithDetails(new DomainException("profile.whatsapp_unreachable", "WhatsApp's Graph API could not be reached."), ex.Message);
        }
    }

    private static DomainException WithDetails(DomainException exception, string details)
    {
        exception.Data[DomainErrors.DetailsKey] = details;
        return exception;
    }
}
