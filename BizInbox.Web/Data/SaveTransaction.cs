using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace BizInbox.Web.Data;

/// <summary>
/// A transaction for a save whose interceptors add statements of their own after it (the report rollup, the inbox's tab
/// counts), when the caller did not begin one: so that those statements commit with the save or not at all. An interceptor
/// asks for it while saving; it commits after every interceptor's SavedChanges, which is why this one is registered last.
/// </summary>
public sealed class SaveTransaction : SaveChangesInterceptor
{
    public static readonly SaveTransaction Instance = new();

    private static readonly ConditionalWeakTable<DbContext, IDbContextTransaction> Owned = new();

    /// <summary>Makes sure the save runs in a transaction (the caller's, or one that commits after the save).</summary>
    public static void Require(DbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            Owned.AddOrUpdate(db, db.Database.BeginTransaction());
        }
    }

    /// <inheritdoc cref="Require"/>
    public static async Task RequireAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            Owned.AddOrUpdate(db, await db.Database.BeginTransactionAsync(ct));
        }
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && Owned.TryGetValue(db, out var transaction))
        {
            Owned.Remove(db);
            using (transaction)
            {
                transaction.Commit();
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Owned.TryGetValue(db, out var transaction))
        {
            Owned.Remove(db);
            await using (transaction)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A failed save leaves nothing behind: disposing the transaction rolls it back. An interceptor whose own statements
    /// failed after the save throws from SavedChanges, which EF does not report as a failed save: it disposes the
    /// transaction through <see cref="Abandon"/> too.
    /// </summary>
    public static void Abandon(DbContext? db)
    {
        if (db is not null && Owned.TryGetValue(db, out var transaction))
        {
            Owned.Remove(db);
            transaction.Dispose();
        }
    }
}
