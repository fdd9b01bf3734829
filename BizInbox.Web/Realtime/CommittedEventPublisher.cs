using System.Data.Common;
using BizInbox.Domain;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BizInbox.Web.Realtime;

/// <summary>
/// The one place that publishes what happened: after a successful SaveChanges it takes the events the tracked aggregates
/// recorded (and those recorded on the context for set-based statements) and publishes them as <see cref="InboxChange"/>s,
/// at once, or, inside a transaction, once the transaction commits. A failed save or a rollback publishes nothing.
/// </summary>
public sealed class CommittedEventPublisher(IInboxEventBus bus) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is BizInboxDbContext db)
        {
            db.AwaitingCommit.Clear();
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Saved(DbContext? context)
    {
        if (context is not BizInboxDbContext db)
        {
            return;
        }

        db.AwaitingCommit.AddRange(db.RecordedEvents);
        db.RecordedEvents.Clear();
        foreach (var source in Sources(db))
        {
            db.AwaitingCommit.AddRange(source.DomainEvents);
            source.ClearDomainEvents();
        }

        if (db.Database.CurrentTransaction is null)
        {
            Committed(db);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not BizInboxDbContext { AwaitingCommit.Count: > 0 } db)
        {
            return;
        }

        var events = db.AwaitingCommit.ToList();
        db.AwaitingCommit.Clear();
        foreach (var (change, topics) in InboxChanges.From(events))
        {
            bus.Publish(change, [.. topics]);
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is not BizInboxDbContext db)
        {
            return;
        }

        db.RecordedEvents.Clear();
        foreach (var source in Sources(db))
        {
            source.ClearDomainEvents();
        }
    }

    // Listing the tracked entities must not run another full change detection: SaveChanges ran its own.
    private static List<IHasDomainEvents> Sources(BizInboxDbContext db)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. db.ChangeTracker.Entries<IHasDomainEvents>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0)];
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}
