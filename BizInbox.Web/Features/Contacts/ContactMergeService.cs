using System.Text.Json;
using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Contacts;

/// <summary>
/// Likely duplicate contacts, merging two into one and undoing a merge for 30 days. Every member sees the suggestions;
/// owners and managers dismiss, merge and undo. A merge is recorded (what moved where, the merged-away contact's row) so
/// that an undo puts back exactly that, while what was added to the survivor since stays with it.
/// </summary>
public sealed class ContactMergeService(IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock, AuditLog audit)
{
    /// <summary>Most pairs the duplicates view lists.</summary>
    public const int MaxPairs = 200;

    private const int MaxCandidates = 5000;

    /// <summary>Likely duplicate pairs in the whole contact book, strongest reason first, without dismissed pairs.</summary>
    public async Task<IReadOnlyList<DuplicatePair>> DuplicatesAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        var phones = db.Contacts.Where(c => c.Phone != null).GroupBy(c => c.Phone).Where(g => g.Count() > 1).Select(g => g.Key);
        var emails = db.Contacts.Where(c => c.Email != null).GroupBy(c => c.Email!.ToLower()).Where(g => g.Count() > 1).Select(g => g.Key);
        var companies = db.Contacts.Where(c => c.Company != null).GroupBy(c => c.Company!.ToLower()).Where(g => g.Count() > 1).Select(g => g.Key);
        var candidates = await db.Contacts.AsNoTracking()
            .Where(c => phones.Contains(c.Phone) || emails.Contains(c.Email!.ToLower()) || companies.Contains(c.Company!.ToLower()))
            .OrderBy(c => c.Id).Take(MaxCandidates)
            .Select(c => new DuplicateCandidate(c.Id, c.Name, c.Email, c.Phone, c.Company)).ToListAsync(ct);
        var buckets = candidates.GroupBy(c => c.Phone).Where(g => g.Key is not null)
            .Concat(candidates.GroupBy(c => c.Email?.Trim().ToLowerInvariant()).Where(g => g.Key is not null))
            .Concat(candidates.GroupBy(c => c.Company is null ? null : Duplicates.Fold(c.Company)).Where(g => g.Key is not null));
        var pairs = buckets.Where(b => b.Count() > 1).SelectMany(b => Duplicates.Among([.. b]))
            .OrderBy(p => p.Reason).DistinctBy(p => p.Key).ToList();
        var dismissed = await DismissedAsync(db, [.. candidates.Select(c => c.Id)], ct);
        return [.. pairs.Where(p => !dismissed.Contains(p.Key)).OrderBy(p => p.Reason).ThenBy(p => p.First.Name, StringComparer.CurrentCultureIgnoreCase).Take(MaxPairs)];
    }

    /// <summary>The contacts that are likely duplicates of <paramref name="contactId"/>, strongest reason first.</summary>
    public async Task<IReadOnlyList<DuplicatePair>> DuplicatesOfAsync(CurrentMember actor, Guid contactId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        var me = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId)
            .Select(c => new DuplicateCandidate(c.Id, c.Name, c.Email, c.Phone, c.Company)).FirstOrDefaultAsync(ct);
        if (me is null)
        {
            return [];
        }

        var email = me.Email?.ToLower();
        var company = me.Company?.ToLower();
        var others = await db.Contacts.AsNoTracking()
            .Where(c => c.Id != contactId && ((me.Phone != null && c.Phone == me.Phone) || (email != null && c.Email!.ToLower() == email)
                || (company != null && c.Company!.ToLower() == company)))
            .Take(MaxCandidates)
            .Select(c => new DuplicateCandidate(c.Id, c.Name, c.Email, c.Phone, c.Company)).ToListAsync(ct);
        var dismissed = await DismissedAsync(db, [contactId, .. others.Select(o => o.Id)], ct);
        return [.. others.Select(o => Duplicates.ReasonFor(me, o) is { } reason ? new DuplicatePair(me, o, reason) : null)
            .OfType<DuplicatePair>().Where(p => !dismissed.Contains(p.Key)).OrderBy(p => p.Reason).ThenBy(p => p.Second.Name)];
    }

    /// <summary>Remembers that the two contacts are not one customer.</summary>
    public async Task DismissAsync(CurrentMember actor, Guid a, Guid b, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.MergeContacts, ct);
        var (first, second) = Duplicates.KeyOf(a, b);
        if (!await db.DuplicateDismissals.AnyAsync(d => d.FirstId == first && d.SecondId == second, ct))
        {
            db.DuplicateDismissals.Add(DuplicateDismissal.Of(a, b, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The inboxes in which both contacts have a conversation: a merge makes those one conversation each.</summary>
    public async Task<IReadOnlyList<string>> SharedInboxesAsync(CurrentMember actor, Guid a, Guid b, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        return await (
                from first in db.Conversations
                where first.ContactId == a
                join second in db.Conversations on first.InboxId equals second.InboxId
                where second.ContactId == b
                join inbox in db.Inboxes on first.InboxId equals inbox.Id
                orderby inbox.Name
                select inbox.Name)
            .ToListAsync(ct);
    }

    /// <summary>The merges into <paramref name="survivorId"/> (or into any contact when null) that can still be undone, newest first.</summary>
    public async Task<IReadOnlyList<MergeRow>> MergesAsync(CurrentMember actor, Guid? survivorId = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        await PurgeAsync(db, ct);
        var rows = await (
                from merge in db.ContactMerges.AsNoTracking()
                where survivorId == null || merge.SurvivorId == survivorId
                join survivor in db.Contacts on merge.SurvivorId equals survivor.Id
                orderby merge.Id descending
                select new { merge.Id, merge.SurvivorId, survivor.Name, merge.LoserName, merge.MergedAt })
            .Take(MaxPairs).ToListAsync(ct);
        return [.. rows.Select(r => new MergeRow(r.Id, r.SurvivorId, r.Name, r.LoserName, r.MergedAt, r.MergedAt + ContactMerge.UndoPeriod))];
    }

    /// <summary>Merges <paramref name="loserId"/> into <paramref name="survivorId"/>, taking the other's values where <paramref name="choices"/> says so.</summary>
    /// <remarks>
    /// Where both have a conversation in one inbox, the merged-away contact's conversation is folded into the survivor's
    /// (<see cref="ConversationFolding"/>), so the customer keeps one conversation per inbox.
    /// </remarks>
    /// <exception cref="DomainException">Not a manager, or a contact is gone.</exception>
    public Task<long> MergeAsync(CurrentMember actor, Guid survivorId, Guid loserId, MergeChoices choices, CancellationToken ct = default) =>
        Conflicts.RetryAsync(() => MergeOnceAsync(actor, survivorId, loserId, choices, ct));

    /// <summary>One attempt, rolled back whole when a folded conversation changed meanwhile (a message arrived, say).</summary>
    private async Task<long> MergeOnceAsync(CurrentMember actor, Guid survivorId, Guid loserId, MergeChoices choices, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.MergeContacts, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var survivor = await db.Contacts.Include(c => c.Labels).FirstOrDefaultAsync(c => c.Id == survivorId, ct) ?? throw NotFound();
        var loser = await db.Contacts.Include(c => c.Labels).FirstOrDefaultAsync(c => c.Id == loserId, ct) ?? throw NotFound();
        var before = survivor.Snapshot();
        var loserSnapshot = loser.Snapshot();
        var loserLabels = loser.Labels.Select(l => l.LabelId).ToList();
        var addedLabels = loserLabels.Except(survivor.Labels.Select(l => l.LabelId)).ToList();
        var survivorAttributes = await db.ContactAttributeValues.Where(v => v.ContactId == survivorId).Select(v => v.AttributeId).ToListAsync(ct);
        var loserValues = await db.ContactAttributeValues.AsNoTracking().Where(v => v.ContactId == loserId).ToListAsync(ct);
        var moved = loserValues.Where(v => !survivorAttributes.Contains(v.AttributeId)).ToList();
        var notes = await db.ContactNotes.Where(n => n.ContactId == loserId).Select(n => n.Id).ToListAsync(ct);
        var activities = await db.ContactActivities.Where(a => a.ContactId == loserId).Select(a => a.Id).ToListAsync(ct);

        var member = new TeamMember(me.Id, me.DisplayName);
        var entry = survivor.Absorb(loser, choices, member, clock.GetUtcNow());
        var folded = await ConversationFolding.FoldAsync(db, survivorId, loserId, member, clock.GetUtcNow(), ct);
        var conversations = await db.Conversations.Where(c => c.ContactId == loserId).Select(c => c.Id).ToListAsync(ct);
        var record = new MergeRecord(before, survivor.Snapshot(), loserSnapshot, conversations, notes, activities,
            loserLabels, addedLabels, [.. moved.Select(v => v.AttributeId)],
            [.. loserValues.Except(moved).Select(v => new KeptValue(v.AttributeId, v.Text, v.Number, v.Date))], folded);

        await db.Conversations.Where(c => c.ContactId == loserId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ContactId, survivorId), ct);
        await db.ContactNotes.Where(n => n.ContactId == loserId).ExecuteUpdateAsync(s => s.SetProperty(n => n.ContactId, survivorId), ct);
        await db.ContactActivities.Where(a => a.ContactId == loserId).ExecuteUpdateAsync(s => s.SetProperty(a => a.ContactId, survivorId), ct);
        var movedIds = record.MovedAttributes;
        await db.ContactAttributeValues.Where(v => v.ContactId == loserId && movedIds.Contains(v.AttributeId))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ContactId, survivorId), ct);
        db.Contacts.Remove(loser);
        await db.SaveChangesAsync(ct);

        foreach (var label in addedLabels)
        {
            db.ContactLabels.Add(new ContactLabel(survivorId, label));
        }

        db.ContactActivities.Add(entry);
        var merge = ContactMerge.Of(survivorId, loserId, loserSnapshot.Name, JsonSerializer.Serialize(record), clock.GetUtcNow());
        db.ContactMerges.Add(merge);
        audit.Add(db, actor, Domain.Audit.AuditAction.ContactsMerged, survivor.Name, $"{loserSnapshot.Name} merged into it");
        RecordRewritten(db, member, survivorId, loserId, folded);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return merge.Id;
    }

    /// <summary>Brings the merged-away contact back with what was moved from it; what the survivor got since the merge stays.</summary>
    /// <exception cref="DomainException">Not a manager, or the merge is older than 30 days or already undone.</exception>
    public Task UndoAsync(CurrentMember actor, long mergeId, CancellationToken ct = default) =>
        Conflicts.RetryAsync(() => UndoOnceAsync(actor, mergeId, ct));

    private async Task UndoOnceAsync(CurrentMember actor, long mergeId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.MergeContacts, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var merge = await db.ContactMerges.FirstOrDefaultAsync(m => m.Id == mergeId, ct);
        if (merge is null || !merge.CanBeUndoneAt(clock.GetUtcNow()))
        {
            throw new DomainException("contact.merge_not_found", "This merge can no longer be undone.");
        }

        var record = JsonSerializer.Deserialize<MergeRecord>(merge.Record)!;
        var survivor = await db.Contacts.FirstOrDefaultAsync(c => c.Id == merge.SurvivorId, ct) ?? throw NotFound();
        var member = new TeamMember(me.Id, me.DisplayName);
        var entry = survivor.UndoAbsorb(record.SurvivorBefore, record.SurvivorAfter, merge.LoserName, member, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);

        var (survivorId, loserId) = (merge.SurvivorId, merge.LoserId);
        db.Contacts.Add(Contact.Restore(record.Loser));
        await db.SaveChangesAsync(ct);
        await db.Conversations.Where(c => c.ContactId == survivorId && record.Conversations.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.ContactId, loserId), ct);
        await db.ContactNotes.Where(n => n.ContactId == survivorId && record.Notes.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.ContactId, loserId), ct);
        await db.ContactActivities.Where(a => a.ContactId == survivorId && record.Activities.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.ContactId, loserId), ct);
        foreach (var folded in record.Folded ?? [])
        {
            await ConversationFolding.UnfoldAsync(db, folded, member, clock.GetUtcNow(), ct);
        }

        await db.ContactAttributeValues.Where(v => v.ContactId == survivorId && record.MovedAttributes.Contains(v.AttributeId))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ContactId, loserId), ct);
        await db.ContactLabels.Where(l => l.ContactId == survivorId && record.AddedLabels.Contains(l.LabelId)).ExecuteDeleteAsync(ct);
        var labels = await db.Labels.Where(l => record.LoserLabels.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct);
        db.ContactLabels.AddRange(labels.Select(l => new ContactLabel(loserId, l)));
        db.ContactAttributeValues.AddRange(record.KeptValues.Select(v => ContactAttributeValue.Of(loserId, v.AttributeId, new AttributeValue(v.Text, v.Number, v.Date))));
        db.ContactActivities.Add(entry);
        db.ContactMerges.Remove(merge);
        audit.Add(db, actor, Domain.Audit.AuditAction.ContactMergeUndone, survivor.Name, $"{merge.LoserName} restored");
        RecordRewritten(db, member, survivorId, loserId, record.Folded ?? []);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Forgets merges older than the undo period (they can no longer be undone); returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await PurgeAsync(db, ct);
    }

    private Task<int> PurgeAsync(BizInboxDbContext db, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - ContactMerge.UndoPeriod;
        return db.ContactMerges.Where(m => m.MergedAt <= cutoff).ExecuteDeleteAsync(ct);
    }

    // The merge moves rows with set-based statements, which no aggregate sees: the unit of work records what it did.
    private static void RecordRewritten(BizInboxDbContext db, TeamMember member, Guid survivorId, Guid loserId, List<FoldedConversation> folded)
    {
        foreach (var id in new[] { survivorId, loserId })
        {
            db.Record(new ContactChanged(id, member));
        }

        // Both threads changed under the eyes of whoever has one open: they start over from the newest page.
        foreach (var conversation in folded)
        {
            foreach (var id in new[] { conversation.SurvivorId, conversation.Loser.Id })
            {
                db.Record(new ConversationRewritten(id, conversation.Loser.InboxId, member));
            }
        }
    }

    private static async Task<HashSet<(Guid, Guid)>> DismissedAsync(BizInboxDbContext db, List<Guid> ids, CancellationToken ct) =>
        [.. (await db.DuplicateDismissals.AsNoTracking().Where(d => ids.Contains(d.FirstId) && ids.Contains(d.SecondId))
            .Select(d => new { d.FirstId, d.SecondId }).ToListAsync(ct)).Select(d => (d.FirstId, d.SecondId))];

    private static DomainException NotFound() => new("contact.not_found", "This contact does not exist (any more).");
}

/// <summary>A merge that can still be undone.</summary>
public sealed record MergeRow(long Id, Guid SurvivorId, string SurvivorName, string LoserName, DateTimeOffset MergedAt, DateTimeOffset UndoableUntil);

/// <summary>What a merge moved where, and what it replaced: enough to undo it exactly.</summary>
internal sealed record MergeRecord(
    ContactSnapshot SurvivorBefore, ContactSnapshot SurvivorAfter, ContactSnapshot Loser,
    List<long> Conversations, List<long> Notes, List<long> Activities,
    List<int> LoserLabels, List<int> AddedLabels, List<int> MovedAttributes, List<KeptValue> KeptValues,
    List<FoldedConversation>? Folded = null);

/// <summary>A value of the merged-away contact that the survivor's own value outranked.</summary>
internal sealed record KeptValue(int AttributeId, string Text, double? Number, DateOnly? Date);
