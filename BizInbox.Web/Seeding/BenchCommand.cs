using System.Diagnostics;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using BizInbox.Web.Data;

namespace BizInbox.Web.Seeding;

/// <summary>
/// <c>dotnet run -c Release --project BizInbox.Web -- bench [--runs N] [--lists]</c>: times the inbox's hot reads on the
/// configured database (seed it first) and counts the SQL statements each one issues; <c>--lists</c> only the list reads.
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
        foreach (var (name, filter, above) in await ListCasesAsync(contexts))
        {
            // "Load more" reads on from the last row of the pages above (found before the timing starts).
            var after = above == 0 ? null
                : (await inbox.ListAsync(viewer, filter, above)).Items is { Count: > 0 } shown ? ListCursor.After(shown[^1]) : null;
            await MeasureAsync(name, runs, statements, () => inbox.ListAsync(viewer, filter, InboxQueries.PageSize, after));
        }

        if (args.Contains("--lists"))
        {
            return 0;
        }

        await MeasureAsync("tab counts incl. unread (kept)", runs, statements, () => inbox.CountsAsync(viewer, new ConversationFilter()));
        await MeasureAsync("tab counts incl. unread, any status (kept)", runs, statements, () => inbox.CountsAsync(viewer, new ConversationFilter(Status: null)));
        await MeasureAsync("tab counts incl. unread (counted)", runs, statements, () => inbox.CountFullyAsync(viewer, new ConversationFilter()));
        var index = 0;
        await MeasureAsync("open conversation (header + newest 50 messages)", runs, statements, async () =>
        {
            var id = sample[index++ % sample.Length];
            await thread.HeaderAsync(id);
            return await thread.MessagesAsync(id, null);
        });
        await MeasureReportsAsync(services, contexts, runs, statements);
        return 0;
    }

    /// <summary>
    /// Every list the inbox offers: each tab, status and sort, each filter, and "load more" (the page after the first
    /// 50 and 450 rows, read from the last of them: pages 2 and 10). Each with the number of rows above it.
    /// </summary>
    private static async Task<List<(string Name, ConversationFilter Filter, int Above)>> ListCasesAsync(IDbContextFactory<BizInboxDbContext> contexts)
    {
        int? inboxId;
        int? labelId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // The inbox with the fewest conversations: a filter that passes few rows is the harder case for an index walk.
            inboxId = await db.Inboxes.OrderBy(i => db.Conversations.Count(c => c.InboxId == i.Id)).Select(i => (int?)i.Id).FirstOrDefaultAsync();
            labelId = await db.Labels.Select(l => (int?)l.Id).FirstOrDefaultAsync();
        }

        var cases = new List<(string, ConversationFilter, int)>
        {
            ("inbox list, Mine, open, newest, 50 rows", new ConversationFilter(), 0),
            ("inbox list, All, open, newest, 50 rows", new ConversationFilter(InboxTab.All), 0),
            ("inbox list, All, any status, longest waiting, 50 rows", new ConversationFilter(InboxTab.All, Status: null, Sort: InboxSort.LongestWaiting), 0),
            ("inbox list, All, any status, newest, 50 rows", new ConversationFilter(InboxTab.All, Status: null), 0),
            ("inbox list, All, open, longest waiting, 50 rows", new ConversationFilter(InboxTab.All, Sort: InboxSort.LongestWaiting), 0),
            ("inbox list, Unassigned, open, 50 rows", new ConversationFilter(InboxTab.Unassigned), 0),
        };
        foreach (var tab in new[] { InboxTab.Mine, InboxTab.Unassigned })
        {
            cases.Add(($"inbox list, {tab}, open, longest waiting, 50 rows", new ConversationFilter(tab, Sort: InboxSort.LongestWaiting), 0));
            cases.Add(($"inbox list, {tab}, any status, newest, 50 rows", new ConversationFilter(tab, Status: null), 0));
        }

        foreach (var status in new[] { ConversationStatus.Pending, ConversationStatus.Snoozed, ConversationStatus.Resolved })
        {
            cases.Add(($"inbox list, All, {status.ToString().ToLowerInvariant()}, newest, 50 rows", new ConversationFilter(InboxTab.All, status), 0));
            cases.Add(($"inbox list, Mine, {status.ToString().ToLowerInvariant()}, longest waiting, 50 rows",
                new ConversationFilter(InboxTab.Mine, status, Sort: InboxSort.LongestWaiting), 0));
        }

        cases.Add(("inbox list, All, open, one inbox, newest, 50 rows", new ConversationFilter(InboxTab.All, InboxId: inboxId), 0));
        cases.Add(("inbox list, All, open, one label, newest, 50 rows", new ConversationFilter(InboxTab.All, LabelId: labelId), 0));
        cases.Add(("inbox list, Mine, any status, one label, waiting, 50 rows", new ConversationFilter(Status: null, LabelId: labelId, Sort: InboxSort.LongestWaiting), 0));
        cases.Add(("inbox list, All, open, priority high, newest, 50 rows", new ConversationFilter(InboxTab.All, Priority: ConversationPriority.High), 0));
        cases.Add(("inbox list, All, open, came via an ad, newest, 50 rows", new ConversationFilter(InboxTab.All, CameViaAd: true), 0));
        cases.Add(("load more, Mine, open, newest, page 2", new ConversationFilter(), 50));
        cases.Add(("load more, All, open, newest, page 2", new ConversationFilter(InboxTab.All), 50));
        cases.Add(("load more, All, any status, waiting, page 2", new ConversationFilter(InboxTab.All, Status: null, Sort: InboxSort.LongestWaiting), 50));
        cases.Add(("load more, All, open, newest, page 10", new ConversationFilter(InboxTab.All), 450));
        cases.Add(("load more, All, any status, waiting, page 10", new ConversationFilter(InboxTab.All, Status: null, Sort: InboxSort.LongestWaiting), 450));
        cases.Add(("load more, Unassigned, open, waiting, page 10", new ConversationFilter(InboxTab.Unassigned, Sort: InboxSort.LongestWaiting), 450));
        return cases;
    }

    // The reports of the last 30 days and 12 months, as a manager opens them (calendar and business time, and by label).
    private static async Task MeasureReportsAsync(IServiceProvider services, IDbContextFactory<BizInboxDbContext> contexts, int runs, StatementCounter statements)
    {
        var reports = services.GetRequiredService<Features.Reports.ReportService>();
        var manager = services.GetRequiredService<Identity.CurrentMember>();
        int? label;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var ownerRole = Identity.Roles.NameOf(Domain.Team.TeamRole.Owner);
            var owner = await (from u in db.Users
                               join ur in db.UserRoles on u.Id equals ur.UserId
                               join r in db.Roles on ur.RoleId equals r.Id
                               where r.Name == ownerRole
                               select u.Id).FirstAsync();
            manager.Use(new(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, owner)], "Bench")));
            label = await db.Labels.Select(l => (int?)l.Id).FirstOrDefaultAsync();
            Console.WriteLine($"Reporting facts: {await db.ReportFacts.CountAsync():N0}");
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var month = new Features.Reports.ReportFilter(today.AddDays(-29), today);
        var year = new Features.Reports.ReportFilter(today.AddMonths(-12).AddDays(1), today, Grouping: Features.Reports.ReportGrouping.Month);
        var reportRuns = Math.Max(5, runs / 5);
        await MeasureAsync("report, 30 days, calendar time, by day", reportRuns, statements, () => reports.RunAsync(manager, month));
        await MeasureAsync("report, 30 days, business time, one label", reportRuns, statements,
            () => reports.RunAsync(manager, month with { Clock = Features.Reports.ReportClock.Business, LabelId = label }));
        await MeasureAsync("report, 12 months, calendar time, by month", reportRuns, statements, () => reports.RunAsync(manager, year));
        await MeasureAsync("report, 12 months, business time, by week", reportRuns, statements,
            () => reports.RunAsync(manager, year with { Clock = Features.Reports.ReportClock.Business, Grouping = Features.Reports.ReportGrouping.Week }));
        await MeasureAsync("drill-down, 12 months, first responses, first page", reportRuns, statements,
            () => reports.DrillDownAsync(manager, year, new Features.Reports.DrillDown(Domain.Reporting.FactKind.FirstResponse), 0, 25));
    }

    private static async Task MeasureAsync<T>(string name, int runs, StatementCounter statements, Func<Task<T>> action)
    {
        await action(); // warm-up: query compilation and caches
        var times = new double[runs];
        var counts = new HashSet<int>();
        var perStatement = new List<List<double>>();
        var texts = new List<string>();
        for (var i = 0; i < runs; i++)
        {
            statements.Reset();
            var watch = Stopwatch.StartNew();
            await action();
            times[i] = watch.Elapsed.TotalMilliseconds;
            counts.Add(statements.Count);
            foreach (var (position, (text, ms)) in statements.Timed.Index())
            {
                if (perStatement.Count <= position)
                {
                    perStatement.Add([]);
                    texts.Add(text);
                }

                perStatement[position].Add(ms);
            }
        }

        Array.Sort(times);
        Console.WriteLine($"{name,-58} p50 {times[runs / 2],7:F1} ms  p95 {times[(int)(runs * 0.95)],7:F1} ms  max {times[^1],7:F1} ms  SQL statements: {string.Join("/", counts.Order())}");
        if (times[(int)(runs * 0.95)] > SlowRead && perStatement.Count > 0)
        {
            // Where a slow read's time goes: each statement's p50 until its result began.
            var medians = perStatement.Select(t => t.Order().ElementAt(t.Count / 2)).ToList();
            var slowest = medians.IndexOf(medians.Max());
            var text = string.Join(' ', texts[slowest].Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
            Console.WriteLine($"    statements p50 {string.Join(" / ", medians.Select(m => $"{m:F1}"))} ms; slowest: {text[..Math.Min(text.Length, 400)]}");
            if (await statements.PlanAsync(slowest) is { } plan)
            {
                Console.WriteLine($"    its plan: {plan}");
            }
        }
    }

    /// <summary>A read slower than this at its p95 (the issue's budget for a list read) shows where its time goes.</summary>
    private const double SlowRead = 20;

    /// <summary>Counts EF Core commands through its diagnostic events, without touching the app's registrations.</summary>
    private sealed class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable _subscription;
        private readonly List<IDisposable> _listeners = [];
        private readonly List<(string Text, double Ms)> _timed = [];
        private readonly List<System.Data.Common.DbCommand> _commands = [];
        private int _count;

        public StatementCounter() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

        public int Count => Volatile.Read(ref _count);

        /// <summary>
        /// The statements since the last reset, in order, each with its time until its result began (SQLite finds the
        /// first row of an ordered, limited read before it answers, which is most of such a read's work).
        /// </summary>
        public IReadOnlyList<(string Text, double Ms)> Timed
        {
            get
            {
                lock (_timed)
                {
                    return [.. _timed];
                }
            }
        }

        public void Reset()
        {
            Interlocked.Exchange(ref _count, 0);
            lock (_timed)
            {
                _timed.Clear();
                _commands.Clear();
            }
        }

        /// <summary>On SQLite, the plan the database chose for the statement at <paramref name="position"/> of the last run, with its parameters.</summary>
        public async Task<string?> PlanAsync(int position)
        {
            System.Data.Common.DbCommand command;
            lock (_timed)
            {
                if (position >= _commands.Count || _commands[position] is not Microsoft.Data.Sqlite.SqliteCommand)
                {
                    return null;
                }

                command = _commands[position];
            }

            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(command.Connection!.ConnectionString);
            await connection.OpenAsync();
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            foreach (Microsoft.Data.Sqlite.SqliteParameter parameter in command.Parameters)
            {
                explain.Parameters.AddWithValue(parameter.ParameterName, parameter.Value);
            }

            var steps = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }

            return string.Join("; ", steps);
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _listeners.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value is { Key: var key, Value: CommandExecutedEventData executed } && key == RelationalEventId.CommandExecuted.Name)
            {
                Interlocked.Increment(ref _count);
                lock (_timed)
                {
                    _timed.Add((executed.Command.CommandText, executed.Duration.TotalMilliseconds));
                    _commands.Add(executed.Command);
                }
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
