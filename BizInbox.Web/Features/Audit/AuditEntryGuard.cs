using BizInbox.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BizInbox.Web.Features.Audit;

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

    private static void Check(DbContext? db)
    {
        if (db is not null && db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries cannot be changed or deleted.");
        }
    }
}
