using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BizInbox.Web.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>sqlite3_busy_timeout</c>: it retries after 1, 2, 5, 10 ms, growing to
/// 100 ms) instead of Microsoft.Data.Sqlite, which sets no busy timeout and, whenever a statement finds the database
/// busy, sleeps 150 ms before it tries again. With one writer (the webhooks' batch writer) and agents' saves beside it
/// (read markers, replies), every collision cost the batch writer 150 ms and the webhooks waiting behind it. Set on the
/// connection's handle at every open, without a statement; 30 s as the commands' own timeout.
/// </summary>
internal sealed class SqliteBusyWait : DbConnectionInterceptor
{
    public static readonly SqliteBusyWait Instance = new();

    internal const int Milliseconds = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Wait(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Wait(connection);
        return Task.CompletedTask;
    }

    private static void Wait(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, Milliseconds);
        }
    }
}
