using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Contacts.Import;

/// <summary>
/// Imports contacts from a CSV file for owners and managers: every row is checked first, and a file with one bad row
/// imports nothing. The rows are written in chunks inside one transaction, so that a failure half-way leaves nothing
/// behind either, while the change tracker stays small.
/// </summary>
public sealed class ContactImportService(IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock, ILogger<ContactImportService> log)
{
    public const int ChunkSize = 2000;

    /// <summary>What the file would do with the mapping chosen: the rows as they would be imported, or every problem.</summary>
    public async Task<ContactImportPlan> PlanAsync(CurrentMember actor, CsvTable table, IReadOnlyList<ContactColumn> mapping, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.TransferContacts, ct);
        return await PlanAsync(db, table, mapping, ct);
    }

    /// <summary>
    /// Checks the file again (a contact may have been added since the preview) and, when every row passes, writes it.
    /// Runs on a worker thread; <paramref name="progress"/> hears after every chunk.
    /// </summary>
    public async Task<ContactImportResult> ImportAsync(
        CurrentMember actor, CsvTable table, IReadOnlyList<ContactColumn> mapping, Action<ContactImportProgress>? progress = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.TransferContacts, ct);
        var plan = await PlanAsync(db, table, mapping, ct);
        if (!plan.IsValid)
        {
            return new ContactImportResult(plan, 0, 0);
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var written = 0;
        foreach (var chunk in plan.Rows.Chunk(ChunkSize))
        {
            var ids = chunk.Where(r => r.Updates is not null).Select(r => r.Updates!.Id).ToList();
            var existing = ids.Count == 0 ? [] : await db.Contacts.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            foreach (var row in chunk)
            {
                if (row.Updates is { } target)
                {
                    var c = existing[target.Id];
                    // An address that differs only in case is the one the contact has: keep how it was written.
                    var email = string.Equals(row.Email, c.Email, StringComparison.OrdinalIgnoreCase) ? c.Email : row.Email ?? c.Email;
                    c.UpdateRecord(row.Name ?? c.Name, email, row.Phone ?? c.Phone, row.Company ?? c.Company, row.Language ?? c.Language, ContactImportPlanner.Region);
                }
                else
                {
                    var contact = Contact.Create(row.Name!, row.Email, row.Phone, now);
                    contact.UpdateRecord(contact.Name, contact.Email, contact.Phone, row.Company, row.Language);
                    db.Contacts.Add(contact);
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            written += chunk.Length;
            progress?.Invoke(new ContactImportProgress(written, plan.Rows.Count));
        }

        await transaction.CommitAsync(ct);
        log.LogInformation("{UserId} imported contacts at {At}: {Created} created, {Updated} updated", me.Id, now, plan.NewCount, plan.UpdateCount);
        return new ContactImportResult(plan, plan.NewCount, plan.UpdateCount);
    }

    private static async Task<ContactImportPlan> PlanAsync(BizInboxDbContext db, CsvTable table, IReadOnlyList<ContactColumn> mapping, CancellationToken ct)
    {
        var known = await db.Contacts.AsNoTracking().Where(c => c.Phone != null || c.Email != null)
            .Select(c => new { c.Id, c.Name, c.Phone, c.Email }).ToListAsync(ct);
        var byPhone = new Dictionary<string, ExistingContact>(StringComparer.Ordinal);
        var byEmail = new Dictionary<string, ExistingContact>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in known)
        {
            if (c.Phone is not null)
            {
                byPhone.TryAdd(c.Phone, new ExistingContact(c.Id, c.Name));
            }

            if (c.Email is not null)
            {
                byEmail.TryAdd(c.Email, new ExistingContact(c.Id, c.Name));
            }
        }

        return new ContactImportPlanner(byPhone, byEmail).Plan(table, mapping);
    }
}
