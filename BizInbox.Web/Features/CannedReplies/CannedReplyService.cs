using System.Security.Claims;
using BizInbox.Domain;
using BizInbox.Domain.CannedReplies;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.CannedReplies;

/// <summary>A canned reply as a member sees it; <see cref="CanEdit"/> says whether they may change it.</summary>
public sealed record CannedReplyRow(int Id, string Shortcut, string Text, IReadOnlyList<string> Buttons, bool IsShared, bool CanEdit);

/// <summary>What the settings form sends; <see cref="Shared"/> is only read on creation (the scope never changes).</summary>
public sealed record CannedReplyInput(string Shortcut, string Text, IReadOnlyList<string> Buttons, bool Shared);

/// <summary>
/// Canned replies: every member reads the shared ones and their own personal ones; each member manages their
/// personal ones; owners and managers manage the shared ones.
/// </summary>
public sealed class CannedReplyService(IDbContextFactory<BizInboxDbContext> contexts)
{
    /// <summary>How many replies the composer's picker offers at most.</summary>
    public const int PickerSize = 8;

    /// <summary>Shared replies first, then the member's own, each by shortcut.</summary>
    public async Task<IReadOnlyList<CannedReplyRow>> ListAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await RequireMemberAsync(db, actor, ct);
        var replies = await Visible(db, me).OrderBy(r => r.OwnerUserId != null).ThenBy(r => r.Shortcut).ToListAsync(ct);
        return replies.Select(r => Row(r, me)).ToList();
    }

    /// <summary>
    /// The picker's matches for what follows the "/": shortcuts starting with <paramref name="query"/> first, then
    /// replies whose text contains it; at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<CannedReplyRow>> SearchAsync(ClaimsPrincipal actor, string? query, int limit = PickerSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await RequireMemberAsync(db, actor, ct);
        var q = (query ?? string.Empty).Trim().ToLowerInvariant();
        var byShortcut = await Visible(db, me).Where(r => r.Shortcut.StartsWith(q))
            .OrderBy(r => r.Shortcut).ThenBy(r => r.OwnerUserId != null).Take(limit).ToListAsync(ct);
        var found = byShortcut.Select(r => r.Id).ToList();
        var byText = q.Length == 0 || found.Count >= limit
            ? []
            : await Visible(db, me).Where(r => !found.Contains(r.Id) && r.Text.ToLower().Contains(q))
                .OrderBy(r => r.Shortcut).Take(limit - found.Count).ToListAsync(ct);
        return byShortcut.Concat(byText).Select(r => Row(r, me)).ToList();
    }

    /// <summary>
    /// The reply's text with its variables filled for a conversation with <paramref name="contactName"/>, written
    /// by the asking member for the business; what could not be filled stays in the text and is listed.
    /// </summary>
    public async Task<FilledReply> FillAsync(ClaimsPrincipal actor, int id, string? contactName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await RequireMemberAsync(db, actor, ct);
        var reply = await Visible(db, me).FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new DomainException("canned.not_found", "This canned reply does not exist.");
        var business = await db.TheBusiness.Select(b => b.Name).FirstOrDefaultAsync(ct);
        return ReplyVariables.Fill(reply.Text, new ReplyContext(contactName, me.DisplayName, business));
    }

    public async Task<int> CreateAsync(ClaimsPrincipal actor, CannedReplyInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await RequireMemberAsync(db, actor, ct);
        if (input.Shared)
        {
            RequireManager(me);
        }

        var reply = input.Shared
            ? CannedReply.Shared(input.Shortcut, input.Text, input.Buttons)
            : CannedReply.Personal(me.Id, input.Shortcut, input.Text, input.Buttons);
        await EnsureShortcutFreeAsync(db, reply, ct);
        db.CannedReplies.Add(reply);
        await db.SaveChangesAsync(ct);
        return reply.Id;
    }

    public async Task UpdateAsync(ClaimsPrincipal actor, int id, CannedReplyInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var reply = await FindEditableAsync(db, actor, id, ct);
        reply.Change(input.Shortcut, input.Text, input.Buttons);
        await EnsureShortcutFreeAsync(db, reply, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(ClaimsPrincipal actor, int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var reply = await FindEditableAsync(db, actor, id, ct);
        db.CannedReplies.Remove(reply);
        await db.SaveChangesAsync(ct);
    }

    private static IQueryable<CannedReply> Visible(BizInboxDbContext db, Actor me) =>
        db.CannedReplies.AsNoTracking().Where(r => r.OwnerUserId == null || r.OwnerUserId == me.Id);

    private static CannedReplyRow Row(CannedReply r, Actor me) =>
        new(r.Id, r.Shortcut, r.Text, r.Buttons, r.IsShared, r.IsShared ? TeamRules.CanOpenTeam(me.Role) : r.OwnerUserId == me.Id);

    private static async Task<CannedReply> FindEditableAsync(BizInboxDbContext db, ClaimsPrincipal actor, int id, CancellationToken ct)
    {
        var me = await RequireMemberAsync(db, actor, ct);
        var reply = await db.CannedReplies.FirstOrDefaultAsync(r => r.Id == id && (r.OwnerUserId == null || r.OwnerUserId == me.Id), ct)
            ?? throw new DomainException("canned.not_found", "This canned reply does not exist.");
        if (reply.IsShared)
        {
            RequireManager(me);
        }

        return reply;
    }

    private static async Task EnsureShortcutFreeAsync(BizInboxDbContext db, CannedReply reply, CancellationToken ct)
    {
        var sameShortcut = await db.CannedReplies.AsNoTracking().Where(r => r.Shortcut == reply.Shortcut).ToListAsync(ct);
        reply.EnsureShortcutFree(sameShortcut);
    }

    private static async Task<Actor> RequireMemberAsync(BizInboxDbContext db, ClaimsPrincipal principal, CancellationToken ct) =>
        await Actor.LoadAsync(db, principal, ct)
        ?? throw new DomainException("team.not_allowed", "Only members of the team can use canned replies.");

    private static void RequireManager(Actor me)
    {
        if (!TeamRules.CanOpenTeam(me.Role))
        {
            throw new DomainException("canned.shared_not_allowed", "Only owners and managers manage shared replies.");
        }
    }
}
