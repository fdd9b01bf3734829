using System.Security.Claims;
using BizInbox.Domain.Audit;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Identity.Audit;

/// <summary>
/// Writes the audit log. <see cref="Add"/> puts the entry into the caller's context, so it is saved in the same
/// transaction as the change it records; <see cref="RecordAsync"/> saves it alone, for actions that change nothing
/// else (a sign-in, an export).
/// </summary>
public sealed class AuditLog(IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock, AuditOrigin origin)
{
    public void Add(BizInboxDbContext db, CurrentMember actor, AuditAction action, string? target = null, string? details = null) =>
        db.AuditEntries.Add(Entry(actor.UserId, actor.Principal.DisplayName(), actor.Principal, action, target, details));

    /// <summary>For a member acting without a principal yet (accepting an invitation).</summary>
    public void Add(BizInboxDbContext db, AppUser user, AuditAction action, string? target = null, string? details = null) =>
        db.AuditEntries.Add(Entry(user.Id, Name(user), null, action, target, details));

    /// <summary>For what WhatsApp decided (a display name review), with no member acting.</summary>
    public void AddFromWhatsApp(BizInboxDbContext db, AuditAction action, string? details = null) =>
        db.AuditEntries.Add(Entry(null, "WhatsApp", null, action, null, details));

    public Task RecordAsync(CurrentMember actor, AuditAction action, string? target = null, string? details = null, CancellationToken ct = default) =>
        SaveAsync(Entry(actor.UserId, actor.Principal.DisplayName(), actor.Principal, action, target, details), ct);

    /// <summary>For sign-in, where there is no principal yet: the account if known, else the e-mail attempted.</summary>
    public Task RecordAsync(AppUser? user, string attemptedEmail, AuditAction action, string? details = null, CancellationToken ct = default) =>
        SaveAsync(Entry(user?.Id, user is null ? attemptedEmail.Trim() : Name(user), null, action, null, details), ct);

    /// <summary>How an entry names a member: name and e-mail, so that two people of one name stay apart.</summary>
    public static string Name(AppUser user) => $"{user.DisplayName} <{user.Email}>";

    private AuditEntry Entry(string? actorId, string actorName, ClaimsPrincipal? principal, AuditAction action, string? target, string? details)
    {
        var (address, agent) = origin.Of(principal);
        return AuditEntry.Record(clock.GetUtcNow(), actorId, actorName, action, target, details, address, agent);
    }

    private async Task SaveAsync(AuditEntry entry, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
    }
}
