using BizInbox.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BizInbox.Web.Data.Keeping;

/// <summary>
/// Refuses to save a changed or removed audit entry, whichever code path tries: the log is append-only. The retention
/// purge deletes in SQL (ExecuteDelete), which does not pass through SaveChanges.
/// </summary>
public sealed class AuditEntryGuard : SaveChangesInterceptor
{
    public static readonly AuditEntryGuard Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>
    /// Looks at the tracked audit entries only: listing them with the context's automatic change detection would scan
    /// every tracked entity on every save, so each audit entry's own changes are detected instead.
    /// </summary>
    private static void Check(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in db.ChangeTracker.Entries<AuditEntry>())
            {
                entry.DetectChanges();
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("Audit entries cannot be changed or deleted.");
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}
