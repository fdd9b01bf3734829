using System.Data.Common;
using System.Runtime.CompilerServices;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace BizInbox.Web.Data.Keeping;

/// <summary>
/// Keeps <see cref="InboxCount"/> in the same transaction as every save that moves a conversation between inbox, status
/// and assignee, gives it its first customer message, or moves an agent's read marker. Set-based SQL bypasses it; the
/// <see cref="InboxCountReconciliation"/> repairs what it misses. Kept on SQLite and PostgreSQL (as the report rollup).
/// </summary>
public sealed class InboxCountKeeper : SaveChangesInterceptor
{
    public static readonly InboxCountKeeper Instance = new();

    private const int RowsPerStatement = 1000;

    private static readonly ConditionalWeakTable<DbContext, Changes> Saves = new();

    /// <summary>Where a conversation stands for the counts.</summary>
    internal readonly record struct Place(int InboxId, ConversationStatus Status, string AssigneeId, DateTimeOffset? LastCustomerMessageAt);

    private sealed record ConversationMove(Conversation Entity, Place? Before, Place? After);

    private sealed record MarkerMove(long ConversationId, string UserId, DateTimeOffset? Before, DateTimeOffset After);

    private sealed record MarkerRow(long ConversationId, string UserId, DateTimeOffset ReadUpTo);

    /// <summary>What a save changes; the markers of conversations it deletes are read before they go with them.</summary>
    private sealed record Changes(List<ConversationMove> Conversations, List<MarkerMove> Markers)
    {
        public List<MarkerRow> MarkersOfDeleted { get; set; } = [];

        public List<long> Deleted => [.. Conversations.Where(m => m.After is null).Select(m => m.Entity.Id)];
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is BizInboxDbContext db && Collect(db) is { } changes)
        {
            SaveTransaction.Require(db);
            changes.MarkersOfDeleted = MarkersOf(db, changes.Deleted).ToList();
            Saves.AddOrUpdate(db, changes);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is BizInboxDbContext db && Collect(db) is { } changes)
        {
            await SaveTransaction.RequireAsync(db, cancellationToken);
            changes.MarkersOfDeleted = await MarkersOf(db, changes.Deleted).ToListAsync(cancellationToken);
            Saves.AddOrUpdate(db, changes);
        }

        return result;
    }

    /// <summary>
    /// The app saves asynchronously; a synchronous save still keeps the counts, on the pool so that a caller's
    /// synchronization context (a Blazor circuit's) is never needed by the awaits it blocks on.
    /// </summary>
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        Task.Run(() => SavedChangesAsync(eventData, result).AsTask()).GetAwaiter().GetResult();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not BizInboxDbContext db || !Saves.TryGetValue(db, out var changes))
        {
            return result;
        }

        Saves.Remove(db);
        try
        {
            var deltas = await DeltasAsync(db, changes, cancellationToken);
            var moved = await AddAsync(db, [.. deltas.Where(d => d.Value != 0).OrderBy(d => d.Key)], cancellationToken);
            if (moved.Count > 0)
            {
                db.AwaitingCommit.Add(new InboxCountsMoved(moved, Reset: false));
            }
        }
        catch
        {
            SaveTransaction.Abandon(db);
            throw;
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saves.Remove(eventData.Context!);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saves.Remove(eventData.Context!);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Saves.Remove(eventData.Context!);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Saves.Remove(eventData.Context!);
        return Task.CompletedTask;
    }

    private static IQueryable<MarkerRow> MarkersOf(BizInboxDbContext db, List<long> conversationIds) =>
        db.ReadMarkers.AsNoTracking().Where(r => conversationIds.Count > 0 && conversationIds.Contains(r.ConversationId))
            .Select(r => new MarkerRow(r.ConversationId, r.UserId, r.ReadUpTo));

    internal static Place PlaceOf(int inboxId, ConversationStatus status, string? assigneeId, DateTimeOffset? lastCustomerMessageAt) =>
        new(inboxId, status, assigneeId ?? InboxCount.Nobody, lastCustomerMessageAt);

    /// <summary>Whether an agent who read up to <paramref name="readUpTo"/> has seen every customer message of a conversation at <paramref name="place"/>.</summary>
    internal static bool IsCaughtUp(Place place, DateTimeOffset? readUpTo) =>
        place.LastCustomerMessageAt is { } last && readUpTo is { } read && read >= last;

    /// <summary>The changes that move counts, detected entry by entry (the context's own detection would scan every entity).</summary>
    private static Changes? Collect(DbContext db)
    {
        if (!ReportCountRollup.IsKept(db))
        {
            return null;
        }

        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var conversations = new List<ConversationMove>();
            foreach (var entry in db.ChangeTracker.Entries<Conversation>())
            {
                entry.DetectChanges();
                var before = entry.State is EntityState.Modified or EntityState.Deleted or EntityState.Unchanged ? Original(entry) : (Place?)null;
                var after = entry.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged ? Current(entry.Entity) : (Place?)null;
                if (entry.State != EntityState.Unchanged && before != after)
                {
                    conversations.Add(new ConversationMove(entry.Entity, before, after));
                }
            }

            var markers = new List<MarkerMove>();
            foreach (var entry in db.ChangeTracker.Entries<ReadMarker>())
            {
                entry.DetectChanges();
                var read = entry.Property(m => m.ReadUpTo);
                if (entry.State == EntityState.Added || (entry.State == EntityState.Modified && read.OriginalValue != read.CurrentValue))
                {
                    markers.Add(new MarkerMove(entry.Entity.ConversationId, entry.Entity.UserId,
                        entry.State == EntityState.Added ? null : read.OriginalValue, entry.Entity.ReadUpTo));
                }
            }

            return conversations.Count > 0 || markers.Count > 0 ? new Changes(conversations, markers) : null;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static Place Original(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Conversation> entry) => PlaceOf(
        entry.Property(c => c.InboxId).OriginalValue, entry.Property(c => c.Status).OriginalValue,
        entry.Property(c => c.AssigneeId).OriginalValue, entry.Property(c => c.LastCustomerMessageAt).OriginalValue);

    private static Place Current(Conversation c) => PlaceOf(c.InboxId, c.Status, c.AssigneeId, c.LastCustomerMessageAt);

    /// <summary>
    /// The counts' changes. Read inside the save's transaction, after its own writes: the markers of the conversations that
    /// moved (who was caught up before and after), and where the conversations of moved markers stand.
    /// </summary>
    private static async Task<Dictionary<Key, long>> DeltasAsync(BizInboxDbContext db, Changes changes, CancellationToken ct)
    {
        var deltas = new Dictionary<Key, long>();
        void Add(InboxCountKind kind, Place place, string userId, long by)
        {
            var key = new Key(kind, userId, place.Status, place.InboxId, place.AssigneeId);
            deltas[key] = deltas.GetValueOrDefault(key) + by;
        }

        // A marker moved in this save counts with its value before the save for "before", and its new one for "after".
        var markerMoves = changes.Markers.ToDictionary(m => (m.ConversationId, m.UserId));
        var moved = changes.Conversations.Where(m => m.After is not null).Select(m => m.Entity.Id).ToList();
        var markersOfMoved = moved.Count == 0 ? [] : await MarkersOf(db, moved).ToListAsync(ct);
        var markersByConversation = markersOfMoved.Concat(changes.MarkersOfDeleted).ToLookup(r => r.ConversationId);
        foreach (var (entity, before, after) in changes.Conversations)
        {
            if (before is { } b)
            {
                Add(InboxCountKind.Conversations, b, InboxCount.Nobody, -1);
                if (b.LastCustomerMessageAt is not null)
                {
                    Add(InboxCountKind.WithCustomerMessages, b, InboxCount.Nobody, -1);
                }
            }

            if (after is { } a)
            {
                Add(InboxCountKind.Conversations, a, InboxCount.Nobody, 1);
                if (a.LastCustomerMessageAt is not null)
                {
                    Add(InboxCountKind.WithCustomerMessages, a, InboxCount.Nobody, 1);
                }
            }

            foreach (var marker in markersByConversation[entity.Id])
            {
                var readBefore = markerMoves.TryGetValue((entity.Id, marker.UserId), out var m) ? m.Before : marker.ReadUpTo;
                if (before is { } b2 && IsCaughtUp(b2, readBefore))
                {
                    Add(InboxCountKind.CaughtUp, b2, marker.UserId, -1);
                }

                if (after is { } a2 && IsCaughtUp(a2, marker.ReadUpTo))
                {
                    Add(InboxCountKind.CaughtUp, a2, marker.UserId, 1);
                }

                markerMoves.Remove((entity.Id, marker.UserId));
            }
        }

        if (markerMoves.Count > 0)
        {
            var ids = markerMoves.Keys.Select(k => k.ConversationId).Distinct().ToList();
            var places = await Locked(db, ids).AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, c.InboxId, c.Status, c.AssigneeId, c.LastCustomerMessageAt }).ToListAsync(ct);
            foreach (var c in places)
            {
                var place = PlaceOf(c.InboxId, c.Status, c.AssigneeId, c.LastCustomerMessageAt);
                foreach (var marker in markerMoves.Values.Where(m => m.ConversationId == c.Id))
                {
                    var by = (IsCaughtUp(place, marker.After) ? 1 : 0) - (IsCaughtUp(place, marker.Before) ? 1 : 0);
                    if (by != 0)
                    {
                        Add(InboxCountKind.CaughtUp, place, marker.UserId, by);
                    }
                }
            }
        }

        return deltas;
    }

    /// <summary>
    /// On PostgreSQL the conversations are read FOR NO KEY UPDATE: a save that moves one of them at the same moment then either
    /// committed first (and its place is read here) or waits until this one commits (and reads the marker it wrote), so the
    /// two never count the same agent's change twice or not at all. Rows are locked in id order, so two servers' saves of
    /// the same conversations wait for each other instead of deadlocking. Not FOR UPDATE: two agents' read markers, saved at
    /// once, each hold a key-share lock on the conversation (their foreign key), which FOR UPDATE would wait for in a
    /// deadlock. SQLite has one writer: its reads are current.
    /// </summary>
    private static IQueryable<Conversation> Locked(BizInboxDbContext db, List<long> ids) =>
        db.Database.IsNpgsql()
            ? db.Conversations.FromSqlInterpolated($"SELECT * FROM \"Conversations\" WHERE \"Id\" = ANY({ids.ToArray()}) ORDER BY \"Id\" FOR NO KEY UPDATE")
            : db.Conversations;

    /// <summary>A count's key, in the table's key order (which is also the order every writer locks rows in).</summary>
    internal readonly record struct Key(InboxCountKind Kind, string UserId, ConversationStatus Status, int InboxId, string AssigneeId) : IComparable<Key>
    {
        public int CompareTo(Key other)
        {
            var c = Kind.CompareTo(other.Kind);
            c = c != 0 ? c : string.CompareOrdinal(UserId, other.UserId);
            c = c != 0 ? c : Status.CompareTo(other.Status);
            c = c != 0 ? c : InboxId.CompareTo(other.InboxId);
            return c != 0 ? c : string.CompareOrdinal(AssigneeId, other.AssigneeId);
        }
    }

    /// <summary>
    /// Adds <paramref name="deltas"/> (in key order) to the counts, a row that does not exist yet starting at its delta, and
    /// returns the rows as they now stand, each with its raised <see cref="InboxCount.Version"/>.
    /// </summary>
    internal static async Task<List<KeptCount>> AddAsync(DbContext db, IReadOnlyList<KeyValuePair<Key, long>> deltas, CancellationToken ct)
    {
        var rows = new List<KeptCount>(deltas.Count);
        foreach (var chunk in deltas.Chunk(RowsPerStatement))
        {
            await using var command = Upsert(db, chunk);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new KeptCount((InboxCountKind)reader.GetInt32(0), reader.GetString(1), (ConversationStatus)reader.GetInt32(2),
                    reader.GetInt32(3), reader.GetString(4), reader.GetInt64(5), reader.GetInt64(6)));
            }
        }

        return rows;
    }

    private static DbCommand Upsert(DbContext db, KeyValuePair<Key, long>[] deltas)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var rows = new List<string>(deltas.Length);
        for (var i = 0; i < deltas.Length; i++)
        {
            var (key, by) = deltas[i];
            rows.Add($"(@k{i}, @u{i}, @s{i}, @i{i}, @a{i}, @c{i}, 1)");
            Add(command, $"@k{i}", (int)key.Kind);
            Add(command, $"@u{i}", key.UserId);
            Add(command, $"@s{i}", (int)key.Status);
            Add(command, $"@i{i}", key.InboxId);
            Add(command, $"@a{i}", key.AssigneeId);
            Add(command, $"@c{i}", by);
        }

        command.CommandText = $"""
            INSERT INTO "InboxCounts" ("Kind", "UserId", "Status", "InboxId", "AssigneeId", "Count", "Version") VALUES {string.Join(", ", rows)}
            ON CONFLICT ("Kind", "UserId", "Status", "InboxId", "AssigneeId")
            DO UPDATE SET "Count" = "InboxCounts"."Count" + excluded."Count", "Version" = "InboxCounts"."Version" + 1
            RETURNING "Kind", "UserId", "Status", "InboxId", "AssigneeId", "Count", "Version"
            """;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
