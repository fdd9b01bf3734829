using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;
using BizInbox.Web.Features.Labels;

namespace BizInbox.Web.Features.Contacts;

/// <summary>
/// Labels, block, spam report and consent: every member of the team (agents too) changes them. Each change is stored
/// with its activity entry in one transaction, then every screen showing the contact hears of it.
/// </summary>
public sealed partial class ContactService
{
    /// <summary>How many activity entries the contact page lists.</summary>
    public const int ActivitySize = 200;

    public async Task<ContactStandingView> StandingAsync(CurrentMember actor, Guid contactId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        var c = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct) ?? throw NotFound();
        var labels = await LabelsOfAsync(db, [contactId], ct);
        return new ContactStandingView(c.Id, [.. labels[contactId]], c.IsBlocked, c.IsSpam, c.BlockedAt,
            c.HasConsent, c.ConsentGivenAt, c.ConsentSource, c.ConsentWithdrawnAt);
    }

    /// <summary>Every label there is, by name: what a member may attach.</summary>
    public async Task<IReadOnlyList<LabelChip>> LabelsAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        return await db.Labels.AsNoTracking().OrderBy(l => l.Name).Select(l => new LabelChip(l.Id, l.Name, l.Color)).ToListAsync(ct);
    }

    /// <summary>The contact's activity log, newest first.</summary>
    public async Task<IReadOnlyList<ContactActivityRow>> ActivityAsync(CurrentMember actor, Guid contactId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        return await db.ContactActivities.AsNoTracking()
            .Where(a => a.ContactId == contactId)
            .OrderByDescending(a => a.Id)
            .Take(ActivitySize)
            .Select(a => new ContactActivityRow(a.Id, a.Kind, a.ActorName, a.Target, a.CreatedAt))
            .ToListAsync(ct);
    }

    public Task AddLabelAsync(CurrentMember actor, Guid contactId, int labelId, CancellationToken ct = default) =>
        ChangeAsync(actor, contactId, async (db, contact, me, now) => contact.AddLabel(me, await LabelAsync(db, labelId, ct), now), ct);

    public Task RemoveLabelAsync(CurrentMember actor, Guid contactId, int labelId, CancellationToken ct = default) =>
        ChangeAsync(actor, contactId, async (db, contact, me, now) => contact.RemoveLabel(me, await LabelAsync(db, labelId, ct), now), ct);

    public Task BlockAsync(CurrentMember actor, Guid contactId, CancellationToken ct = default) =>
        ChangeAsync(actor, contactId, (_, contact, me, now) => Task.FromResult(contact.Block(me, now)), ct);

    public Task ReportSpamAsync(CurrentMember actor, Guid contactId, CancellationToken ct = default) =>
        ChangeAsync(actor, contactId, (_, contact, me, now) => Task.FromResult(contact.ReportSpam(me, now)), ct);

    public Task UnblockAsync(CurrentMember actor, Guid contactId, CancellationToken ct = default) =>
        ChangeAsync(actor, contactId, (_, contact, me, now) => Task.FromResult(contact.Unblock(me, now)), ct);

    /// <summary>Records the contact's consent, given at <paramref name="givenAt"/> (now when null) in the way <paramref name="source"/>.</summary>
    public Task GrantConsentAsync(CurrentMember actor, Guid contactId, ConsentSource source, DateTimeOffset? givenAt, CancellationToken ct = default) =>
        ChangeAsync(actor, contactId, (_, contact, me, now) => Task.FromResult(contact.GrantConsent(me, source, givenAt ?? now, now)), ct);

    public Task WithdrawConsentAsync(CurrentMember actor, Guid contactId, CancellationToken ct = default) =>
        ChangeAsync(actor, contactId, (_, contact, me, now) => Task.FromResult(contact.WithdrawConsent(me, now)), ct);

    private async Task ChangeAsync(
        CurrentMember actor, Guid contactId,
        Func<BizInboxDbContext, Contact, TeamMember, DateTimeOffset, Task<IReadOnlyList<ContactActivity>>> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.SeeContacts, ct);
        var contact = await db.Contacts.Include(c => c.Labels).FirstOrDefaultAsync(c => c.Id == contactId, ct) ?? throw NotFound();
        var member = new TeamMember(me.Id, me.DisplayName);
        var entries = await change(db, contact, member, clock.GetUtcNow());
        if (entries.Count == 0)
        {
            return;
        }

        db.ContactActivities.AddRange(entries);
        db.Record(new ContactChanged(contactId, member));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (entries.Any(e => e.Kind == ContactActivityKind.LabelAdded))
        {
            return; // a teammate attached the same label at the same moment: it is there, with their entry
        }
    }

    private static async Task<Domain.Labels.Label> LabelAsync(BizInboxDbContext db, int labelId, CancellationToken ct) =>
        await db.Labels.AsNoTracking().FirstOrDefaultAsync(l => l.Id == labelId, ct)
        ?? throw new DomainException("label.not_found", "This label does not exist.");

    private static async Task<ILookup<Guid, LabelChip>> LabelsOfAsync(BizInboxDbContext db, List<Guid> contactIds, CancellationToken ct) =>
        (await (
                from contactLabel in db.ContactLabels.AsNoTracking()
                where contactIds.Contains(contactLabel.ContactId)
                join label in db.Labels on contactLabel.LabelId equals label.Id
                orderby label.Name
                select new { contactLabel.ContactId, Chip = new LabelChip(label.Id, label.Name, label.Color) })
            .ToListAsync(ct))
        .ToLookup(x => x.ContactId, x => x.Chip);
}
