using System.Diagnostics;
using BizInbox.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BizInbox.Web.Data.Seeding;

/// <summary>
/// <c>dotnet run -c Release --project BizInbox.Web -- bench [--runs N]</c>: times the inbox's hot reads on the
/// configured database (seed it first) and counts the SQL statements each one issues.
/// </summary>
internal static class BenchCommand
{
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "bench";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var runs = args.Length > 2 && args[1] == "--runs" && int.TryParse(args[2], out var n) ? n : 50;
        var contexts = services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>();
        var inbox = services.GetRequiredService<InboxQueries>();
        var thread = services.GetRequiredService<ThreadQueries>();
        string viewer;
        long[] sample;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            viewer = await db.Users.Where(u => db.Conversations.Any(c => c.AssigneeId == u.Id)).Select(u => u.Id).FirstOrDefaultAsync()
                     ?? await db.Users.Select(u => u.Id).FirstAsync();
            var total = await db.Conversations.CountAsync();
            var messages = await db.Messages.CountAsync();
            Console.WriteLine($"Database: {total:N0} conversations, {messages:N0} timeline entries; {runs} runs per case.");
            sample = await db.Conversations.OrderBy(c => c.Id).Where(c => c.Id % 997 == 0).Select(c => c.Id).Take(runs).ToArrayAsync();
        }

        using var statements = new StatementCounter();
        await MeasureAsync("inbox list, Mine, open, newest, 50 rows", runs, statements, () => inbox.ListAsync(viewer, new ConversationFilter(), 50));
        await MeasureAsync("inbox list, All, open, newest, 50 rows", runs, statements, () => inbox.ListAsync(viewer, new ConversationFilter(InboxTab.All), 50));
        await MeasureAsync("inbox list, All, open, newest, 10 rows", runs, statements, () => inbox.ListAsync(viewer, new ConversationFilter(InboxTab.All), 10));
        await MeasureAsync("inbox list, All, any status, longest waiting, 50 rows", runs, statements,
            () => inbox.ListAsync(viewer, new ConversationFilter(InboxTab.All, Status: null, Sort: InboxSort.LongestWaiting), 50));
        await MeasureAsync("inbox list, Unassigned, open, 50 rows", runs, statements, () => inbox.ListAsync(viewer, new ConversationFilter(InboxTab.Unassigned), 50));
        await MeasureAsync("tab counts incl. unread", runs, statements, () => inbox.CountsAsync(viewer, new ConversationFilter()));
        var index = 0;
        await MeasureAsync("open conversation (header + newest 50 messages)", runs, statements, async () =>
        {
            var id = sample[index++ % sample.Length];
            await thread.HeaderAsync(id);
            return await thread.MessagesAsync(id, null);
        });
        return 0;
    }

    private static async Task MeasureAsync<T>(string name, int runs, StatementCounter statements, Func<Task<T>> action)
    {
        await action(); // warm-up: query compilation and caches
        var times = new double[runs];
        var counts = new HashSet<int>();
        for (var i = 0; i < runs; i++)
        {
            statements.Reset();
            var watch = Stopwatch.StartNew();
            await action();
            times[i] = watch.Elapsed.TotalMilliseconds;
            counts.Add(statements.Count);
        }

        Array.Sort(times);
        Console.WriteLine($"{name,-58} p50 {times[runs / 2],7:F1} ms  p95 {times[(int)(runs * 0.95)],7:F1} ms  max {times[^1],7:F1} ms  SQL statements: {string.Join("/", counts.Order())}");
    }

    /// <summary>Counts EF Core commands through its diagnostic events, without touching the app's registrations.</summary>
    private sealed class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable _subscription;
        private readonly List<IDisposable> _listeners = [];
        private int _count;

        public StatementCounter() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _listeners.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name)
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _subscription.Dispose();
            _listeners.ForEach(l => l.Dispose());
        }
    }
}
