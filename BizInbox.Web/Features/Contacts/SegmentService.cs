using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Contacts;

/// <summary>A saved filter the asking member sees; <see cref="Filter"/> is null when it cannot be read (see <see cref="SegmentFilter.FromJson"/>).</summary>
public sealed record SegmentRow(int Id, string Name, bool IsShared, bool CanEdit, SegmentFilter? Filter);

/// <summary>
/// Saved filters of the contact list: every member keeps personal ones and uses the team's; owners and managers manage
/// the team's (as with canned replies).
/// </summary>
public sealed class SegmentService(IDbContextFactory<BizInboxDbContext> contexts)
{
    public async Task<IReadOnlyList<SegmentRow>> ListAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.SeeContacts, ct);
        var segments = await db.Segments.AsNoTracking().Where(s => s.OwnerUserId == null || s.OwnerUserId == me.Id).ToListAsync(ct);
        return [.. segments.OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(s => new SegmentRow(s.Id, s.Name, s.IsShared, s.IsShared ? TeamRules.CanOpenTeam(me.Role) : true, SegmentFilter.FromJson(s.Filter)))];
    }

    public async Task<int> SaveAsync(CurrentMember actor, string name, bool shared, SegmentFilter filter, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.SeeContacts, ct);
        if (shared)
        {
            RequireManager(me);
        }

        var segment = Segment.Save(shared ? null : me.Id, name, filter.ToJson());
        db.Segments.Add(segment);
        await db.SaveChangesAsync(ct);
        return segment.Id;
    }

    public async Task RenameAsync(CurrentMember actor, int id, string name, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var segment = await FindEditableAsync(db, actor, id, ct);
        segment.Rename(name);
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(CurrentMember actor, int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Segments.Remove(await FindEditableAsync(db, actor, id, ct));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Segment> FindEditableAsync(BizInboxDbContext db, CurrentMember actor, int id, CancellationToken ct)
    {
        var me = await actor.RequireAsync(TeamRight.SeeContacts, ct);
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id && (s.OwnerUserId == null || s.OwnerUserId == me.Id), ct)
            ?? throw new DomainException("segment.not_found", "This segment does not exist (any more).");
        if (segment.IsShared)
        {
            RequireManager(me);
        }

        return segment;
    }

    private static void RequireManager(Actor me)
    {
        if (!TeamRules.CanOpenTeam(me.Role))
        {
            throw new DomainException("segment.shared_not_allowed", "Only owners and managers manage the team's segments.");
        }
    }
}
