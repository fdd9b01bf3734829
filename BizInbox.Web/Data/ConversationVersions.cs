using BizInbox.Domain.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BizInbox.Web.Data;

/// <summary>
/// Gives every stored change of a conversation a new version. The version is the conversation's concurrency token:
/// of two writers that loaded the same version, the second one's update matches no row and fails with
/// <see cref="DbUpdateConcurrencyException"/>, so it starts again from what the first stored (<see cref="Conflicts"/>)
/// instead of overwriting it (an agent's resolve and the snooze wake-up a moment later, say).
/// </summary>
public sealed class ConversationVersions : SaveChangesInterceptor
{
    /// <summary>The shadow property that holds the version.</summary>
    public const string Property = "Version";

    public static readonly ConversationVersions Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Bump(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Bump(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>Detects each tracked conversation's own changes: the context's automatic detection would scan every entity.</summary>
    private static void Bump(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in db.ChangeTracker.Entries<Conversation>())
            {
                entry.DetectChanges();
                if (entry.State == EntityState.Modified)
                {
                    var version = entry.Property<long>(Property);
                    version.CurrentValue = version.OriginalValue + 1;
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}
