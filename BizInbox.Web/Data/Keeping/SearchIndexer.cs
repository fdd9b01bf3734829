using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BizInbox.Web.Data.Keeping;

/// <summary>
/// Keeps <see cref="SearchDocument"/>s current in the same SaveChanges (and so the same transaction) that writes a
/// message or a contact, whichever path wrote it: web chat, the composer, the WhatsApp batch writer, the seeder.
/// </summary>
public sealed class SearchIndexer : SaveChangesInterceptor
{
    public static readonly SearchIndexer Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db)
        {
            foreach (var contact in Index(db))
            {
                var document = db.Set<SearchDocument>().FirstOrDefault(d => d.ContactId == contact.Id);
                Upsert(db, document, contact);
            }
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            foreach (var contact in Index(db))
            {
                var document = await db.Set<SearchDocument>().FirstOrDefaultAsync(d => d.ContactId == contact.Id, cancellationToken);
                Upsert(db, document, contact);
            }
        }

        return result;
    }

    /// <summary>Adds documents for new messages and contacts; returns the known contacts whose searchable details changed.</summary>
    /// <remarks>
    /// One change detection, then the entries are listed without another: each listing would otherwise scan every tracked
    /// entity again, and a webhook batch tracks hundreds and saves several times.
    /// </remarks>
    private static List<Contact> Index(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return Index(db, db.ChangeTracker);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static List<Contact> Index(DbContext db, ChangeTracker tracker)
    {
        var added = new List<SearchDocument>();
        var changed = new List<Contact>();
        foreach (var entry in tracker.Entries<Message>())
        {
            if (entry.State == EntityState.Added && SearchDocument.IsSearchable(entry.Entity))
            {
                added.Add(SearchDocument.For(entry.Entity));
            }
        }

        foreach (var entry in tracker.Entries<Contact>())
        {
            if (entry.State == EntityState.Added)
            {
                added.Add(SearchDocument.For(entry.Entity));
            }
            else if (entry.State == EntityState.Modified &&
                (entry.Property(c => c.Name).IsModified || entry.Property(c => c.Email).IsModified || entry.Property(c => c.Phone).IsModified))
            {
                changed.Add(entry.Entity);
            }
        }

        db.AddRange(added);
        return changed;
    }

    private static void Upsert(DbContext db, SearchDocument? document, Contact contact)
    {
        if (document is null)
        {
            db.Add(SearchDocument.For(contact));
        }
        else
        {
            document.Update(contact);
        }
    }
}
