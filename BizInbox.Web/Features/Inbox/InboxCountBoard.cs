using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using BizInbox.Web.Data.Keeping;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Inbox;

/// <summary>
/// The kept tab counts (<see cref="InboxCount"/>) in this server's memory: the rows that are nobody's, and those of each
/// agent with an inbox open here, patched from the rows each commit publishes (<see cref="ChangeKind.CountsMoved"/>), so
/// that a message moves every open list's counts without a statement. A row's value is taken only when its version is
/// newer than the one held: a row read while a commit's rows are on their way ends on the newer of the two. Sums per
/// status and inbox (each, or any) make an agent's counts a few lookups. Read again in full every few minutes and after a
/// repair, for a change that never arrived (another server's, lost with Redis).
/// </summary>
public sealed class InboxCountBoard : IDisposable
{
    private readonly IDbContextFactory<BizInboxDbContext> _contexts;
    private readonly InboxQueries _queries;
    private readonly TimeProvider _clock;
    private readonly ILogger<InboxCountBoard> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<InboxCountKeeper.Key, (long Count, long Version)> _rows = [];
    private readonly Dictionary<Sum, long> _sums = [];
    private readonly Dictionary<string, Task> _loads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Func<Task>>> _watchers = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;
    private readonly bool _kept;
    private List<KeptCount>? _duringRefresh;
    private Task? _refresh;
    private DateTimeOffset _refreshedAt;

    public InboxCountBoard(IDbContextFactory<BizInboxDbContext> contexts, InboxQueries queries, IInboxEventBus bus, TimeProvider clock, ILogger<InboxCountBoard> logger)
    {
        (_contexts, _queries, _clock, _logger) = (contexts, queries, clock, logger);
        using (var db = contexts.CreateDbContext())
        {
            _kept = ReportCountRollup.IsKept(db);
        }

        _refreshedAt = clock.GetUtcNow();
        _subscription = bus.Subscribe(Topics.Counts, OnMovedAsync);
    }

    /// <summary>How often the held rows are read again in full (checked when counts are asked for).</summary>
    internal TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How many times the held rows were read again in full.</summary>
    internal int Refreshes { get; private set; }

    /// <summary>Whether the board answers for the filter: kept counts cover status and inbox, not label, priority or source.</summary>
    public bool Covers(ConversationFilter filter) => _kept && filter is { LabelId: null, Priority: null, CameViaAd: false };

    /// <summary>The viewer's tab counts for the filter: from memory when the board covers it, else counted in the database.</summary>
    public async Task<InboxCounts> CountsAsync(string viewerId, ConversationFilter filter, CancellationToken ct = default)
    {
        if (!Covers(filter))
        {
            return await _queries.CountsAsync(viewerId, filter, ct);
        }

        await LoadedAsync(InboxCount.Nobody, ct);
        await LoadedAsync(viewerId, ct);
        RefreshWhenDue();
        lock (_gate)
        {
            long Get(InboxCountKind kind, string user, string? assignee) => _sums.GetValueOrDefault(new Sum(kind, user, filter.Status, filter.InboxId, assignee));
            int Conversations(string? assignee) => (int)Get(InboxCountKind.Conversations, InboxCount.Nobody, assignee);
            int Unread(string? assignee) => (int)(Get(InboxCountKind.WithCustomerMessages, InboxCount.Nobody, assignee) - Get(InboxCountKind.CaughtUp, viewerId, assignee));
            return new InboxCounts(
                Conversations(viewerId), Conversations(InboxCount.Nobody), Conversations(null),
                Unread(viewerId), Unread(InboxCount.Nobody), Unread(null));
        }
    }

    /// <summary>Calls <paramref name="moved"/> whenever counts that the viewer's tabs add up moved.</summary>
    public IDisposable Watch(string viewerId, Func<Task> moved)
    {
        lock (_gate)
        {
            if (!_watchers.TryGetValue(viewerId, out var list))
            {
                _watchers[viewerId] = list = [];
            }

            list.Add(moved);
        }

        return new Unwatch(this, viewerId, moved);
    }

    public void Dispose() => _subscription.Dispose();

    /// <summary>Reads a user's rows once (nobody's rows for <see cref="InboxCount.Nobody"/>); the rows that move meanwhile are kept from the start.</summary>
    private async Task LoadedAsync(string userId, CancellationToken ct)
    {
        Task load;
        lock (_gate)
        {
            if (!_loads.TryGetValue(userId, out load!))
            {
                _loads[userId] = load = LoadAsync(userId);
            }
        }

        try
        {
            await load.WaitAsync(ct);
        }
        catch when (load.IsFaulted)
        {
            lock (_gate)
            {
                if (_loads.GetValueOrDefault(userId) == load)
                {
                    _loads.Remove(userId);
                }
            }

            throw;
        }
    }

    private async Task LoadAsync(string userId)
    {
        await Task.Yield();
        await using var db = await _contexts.CreateDbContextAsync();
        var rows = await RowsOf(db.InboxCounts.Where(c => c.UserId == userId)).ToListAsync();
        lock (_gate)
        {
            foreach (var row in rows)
            {
                Take(row);
            }
        }
    }

    private static IQueryable<KeptCount> RowsOf(IQueryable<InboxCount> counts) =>
        counts.AsNoTracking().Select(c => new KeptCount(c.Kind, c.UserId, c.Status, c.InboxId, c.AssigneeId, c.Count, c.Version));

    private bool IsTracked(string userId) => _loads.ContainsKey(userId);

    private Task OnMovedAsync(InboxChange change)
    {
        if (change.ResetCounts)
        {
            return RefreshAsync();
        }

        var moved = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var row in change.Counts ?? [])
            {
                _duringRefresh?.Add(row);
                if (IsTracked(row.UserId) && Take(row))
                {
                    moved.Add(row.UserId);
                }
            }
        }

        return NotifyAsync(moved);
    }

    /// <summary>Takes a row when it is newer than the one held, and moves the sums by the difference; true when the count changed.</summary>
    private bool Take(KeptCount row)
    {
        var key = new InboxCountKeeper.Key(row.Kind, row.UserId, row.Status, row.InboxId, row.AssigneeId);
        var held = _rows.GetValueOrDefault(key);
        if (_rows.ContainsKey(key) && held.Version >= row.Version)
        {
            return false;
        }

        _rows[key] = (row.Count, row.Version);
        var by = row.Count - held.Count;
        if (by == 0)
        {
            return false;
        }

        foreach (var status in (ConversationStatus?[])[row.Status, null])
        {
            foreach (var inbox in (int?[])[row.InboxId, null])
            {
                foreach (var assignee in (string?[])[row.AssigneeId, null])
                {
                    var sum = new Sum(row.Kind, row.UserId, status, inbox, assignee);
                    _sums[sum] = _sums.GetValueOrDefault(sum) + by;
                }
            }
        }

        return true;
    }

    private async Task NotifyAsync(HashSet<string> users)
    {
        if (users.Count == 0)
        {
            return;
        }

        List<Func<Task>> targets;
        lock (_gate)
        {
            targets = users.Contains(InboxCount.Nobody)
                ? [.. _watchers.Values.SelectMany(w => w)]
                : [.. users.SelectMany(u => _watchers.GetValueOrDefault(u) ?? [])];
        }

        await Task.WhenAll(targets.Select(CallAsync));
    }

    private async Task CallAsync(Func<Task> watcher)
    {
        try
        {
            await watcher();
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "A screen failed to take the moved tab counts");
        }
    }

    private void RefreshWhenDue()
    {
        if (_clock.GetUtcNow() - _refreshedAt >= RefreshInterval)
        {
            _ = RefreshAsync();
        }
    }

    /// <summary>
    /// Reads every held row again and replaces them: rows that move while the read runs are applied to the old rows (so
    /// counts stay live) and again to the new ones, where the newer version wins.
    /// </summary>
    private Task RefreshAsync()
    {
        lock (_gate)
        {
            _refreshedAt = _clock.GetUtcNow();
            return _refresh is { IsCompleted: false } running ? running : _refresh = ReadAgainAsync();
        }
    }

    private async Task ReadAgainAsync()
    {
        try
        {
            await Task.Yield();
            List<string> users;
            lock (_gate)
            {
                users = [.. _loads.Keys];
                _duringRefresh = [];
            }

            await using var db = await _contexts.CreateDbContextAsync();
            var rows = await RowsOf(db.InboxCounts.Where(c => users.Contains(c.UserId))).ToListAsync();
            HashSet<string> moved;
            lock (_gate)
            {
                Refreshes++;
                // Rows of users first read while this read ran are not in it: they stay as they are.
                var before = _sums.ToDictionary();
                var read = users.ToHashSet(StringComparer.Ordinal);
                var others = _rows.Where(r => !read.Contains(r.Key.UserId))
                    .Select(r => new KeptCount(r.Key.Kind, r.Key.UserId, r.Key.Status, r.Key.InboxId, r.Key.AssigneeId, r.Value.Count, r.Value.Version)).ToList();
                _rows.Clear();
                _sums.Clear();
                foreach (var row in others.Concat(rows).Concat(_duringRefresh!).Where(r => IsTracked(r.UserId)))
                {
                    Take(row);
                }

                moved = [.. _sums.Keys.Concat(before.Keys).Where(k => _sums.GetValueOrDefault(k) != before.GetValueOrDefault(k)).Select(k => k.UserId)];
            }

            await NotifyAsync(moved);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not read the tab counts again");
        }
        finally
        {
            lock (_gate)
            {
                _duringRefresh = null;
            }
        }
    }

    /// <summary>A sum of one kind and user over a status and inbox (null: any) and an assignee (null: anyone).</summary>
    private readonly record struct Sum(InboxCountKind Kind, string UserId, ConversationStatus? Status, int? InboxId, string? AssigneeId);

    private sealed class Unwatch(InboxCountBoard board, string viewerId, Func<Task> moved) : IDisposable
    {
        public void Dispose()
        {
            lock (board._gate)
            {
                if (board._watchers.TryGetValue(viewerId, out var list) && list.Remove(moved) && list.Count == 0)
                {
                    board._watchers.Remove(viewerId);
                }
            }
        }
    }
}
