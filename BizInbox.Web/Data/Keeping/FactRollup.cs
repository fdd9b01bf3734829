using System.Data.Common;
using System.Runtime.CompilerServices;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BizInbox.Web.Data.Keeping;

/// <summary>
/// A summary of the facts that each save adds, written in the same transaction after the save: what to add is collected
/// while saving (the facts are then tracked as added) and written by set-based statements once they are stored. Kept on
/// SQLite and PostgreSQL (<see cref="ReportCountRollup.IsKept"/>).
/// </summary>
public abstract class FactRollup<TRow> : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<TRow>> saves = new();

    /// <summary>What the save's added facts add to the summary; null or empty for nothing.</summary>
    protected abstract List<TRow>? Collect(DbContext db);

    /// <inheritdoc cref="Collect"/>
    protected virtual ValueTask<List<TRow>?> CollectAsync(DbContext db, CancellationToken ct) => ValueTask.FromResult(Collect(db));

    /// <summary>The statements that add <paramref name="rows"/> to the summary, in the save's transaction.</summary>
    protected abstract IEnumerable<DbCommand> Commands(DbContext db, List<TRow> rows);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && ReportCountRollup.IsKept(db) && Collect(db) is { Count: > 0 } rows)
        {
            // The facts and their summary commit together: without a transaction of the caller's, this save gets one.
            SaveTransaction.Require(db);
            saves.AddOrUpdate(db, rows);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && ReportCountRollup.IsKept(db) && await CollectAsync(db, cancellationToken) is { Count: > 0 } rows)
        {
            await SaveTransaction.RequireAsync(db, cancellationToken);
            saves.AddOrUpdate(db, rows);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && saves.TryGetValue(db, out var rows))
        {
            saves.Remove(db);
            try
            {
                foreach (var command in Commands(db, rows))
                {
                    using (command)
                    {
                        command.ExecuteNonQuery();
                    }
                }
            }
            catch
            {
                SaveTransaction.Abandon(db);
                throw;
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && saves.TryGetValue(db, out var rows))
        {
            saves.Remove(db);
            try
            {
                foreach (var command in Commands(db, rows))
                {
                    await using (command)
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                }
            }
            catch
            {
                SaveTransaction.Abandon(db);
                throw;
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => saves.Remove(eventData.Context!);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        saves.Remove(eventData.Context!);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => saves.Remove(eventData.Context!);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        saves.Remove(eventData.Context!);
        return Task.CompletedTask;
    }

    /// <summary>The facts this save adds (listing them must not run another full change detection).</summary>
    protected static List<TFact> Added<TFact>(DbContext db, Func<TFact, bool> wanted)
        where TFact : class
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. db.ChangeTracker.Entries<TFact>().Where(e => e.State == EntityState.Added && wanted(e.Entity)).Select(e => e.Entity)];
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>Adds a parameter to <paramref name="command"/>.</summary>
    protected static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
