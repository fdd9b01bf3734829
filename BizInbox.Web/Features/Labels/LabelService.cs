using BizInbox.Domain;
using BizInbox.Domain.Labels;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Labels;

public sealed record LabelRow(int Id, string Name, string Color, int Conversations);

/// <summary>Managing labels (owners and managers); agents only attach them to conversations.</summary>
public sealed class LabelService(IDbContextFactory<BizInboxDbContext> contexts, AuditLog audit)
{
    public async Task<IReadOnlyList<LabelRow>> ListAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        return await db.Labels.AsNoTracking().OrderBy(l => l.Name)
            .Select(l => new LabelRow(l.Id, l.Name, l.Color, db.ConversationLabels.Count(c => c.LabelId == l.Id)))
            .ToListAsync(ct);
    }

    public async Task<LabelChip> CreateAsync(CurrentMember actor, string name, string color, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var label = Label.Create(name, color);
        await EnsureUniqueAsync(db, label.Name, null, ct);
        db.Labels.Add(label);
        audit.Add(db, actor, Domain.Audit.AuditAction.LabelsChanged, label.Name, "created");
        await db.SaveChangesAsync(ct);
        return new LabelChip(label.Id, label.Name, label.Color);
    }

    public async Task UpdateAsync(CurrentMember actor, int id, string name, string color, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var label = await db.Labels.FirstOrDefaultAsync(l => l.Id == id, ct)
            ?? throw new DomainException("label.not_found", "This label does not exist.");
        var before = label.Name;
        label.Change(name, color);
        await EnsureUniqueAsync(db, label.Name, id, ct);
        audit.Add(db, actor, Domain.Audit.AuditAction.LabelsChanged, label.Name, before == label.Name ? "changed" : $"renamed from {before}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes the label; conversations keep their history (activity entries name it) but lose the tag.</summary>
    public async Task DeleteAsync(CurrentMember actor, int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var name = await db.Labels.Where(l => l.Id == id).Select(l => l.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return;
        }

        // The delete runs as its own statement, so the entry follows it; a label already gone records nothing.
        if (await db.Labels.Where(l => l.Id == id).ExecuteDeleteAsync(ct) > 0)
        {
            audit.Add(db, actor, Domain.Audit.AuditAction.LabelsChanged, name, "deleted");
            await db.SaveChangesAsync(ct);
        }
    }

    private static async Task EnsureUniqueAsync(BizInboxDbContext db, string name, int? exceptId, CancellationToken ct)
    {
        var upper = name.ToUpperInvariant();
        if (await db.Labels.AnyAsync(l => l.Name.ToUpper() == upper && l.Id != exceptId, ct))
        {
            throw new DomainException("label.name_taken", "A label with this name already exists.");
        }
    }
}
