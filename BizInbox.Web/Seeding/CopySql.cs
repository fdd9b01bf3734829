using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data;

namespace BizInbox.Web.Seeding;

/// <summary>
/// The provider's SQL for <see cref="TemplateCopies"/>: the copy numbers as a temporary table <c>SeedCopies</c>
/// (<c>"N"</c>, and <c>"Seconds"</c> each copy's instants are moved back by), and the few expressions that differ.
/// </summary>
public abstract class CopySql
{
    /// <summary>The provider's SQL, or a clear refusal where copying is not built (SQL Server).</summary>
    public static CopySql For(BizInboxDbContext db, int templateSize) =>
        db.Database.IsSqlite() ? new SqliteCopySql()
        : db.Database.IsNpgsql() ? new PostgresCopySql()
        : throw new InvalidOperationException(
            $"Seeding more than {templateSize:N0} conversations copies them in SQL, which is built for SQLite and PostgreSQL only: " +
            $"on SQL Server, use --conversations up to {templateSize:N0}.");

    /// <summary>Creates <c>SeedCopies</c> with copies 1 to <paramref name="copies"/>.</summary>
    public abstract string CreateCopies(int copies);

    /// <summary>The table's writable columns in their order.</summary>
    public abstract Task<List<string>> ColumnsAsync(BizInboxDbContext db, string table, CancellationToken ct);

    /// <summary>An instant column moved back by the copy's <c>"Seconds"</c> (<c>s</c> is the copies' alias).</summary>
    public abstract string ShiftInstant(string column);

    /// <summary>A column of UTC ticks moved back by the copy's <c>"Seconds"</c>.</summary>
    public static string ShiftTicks(string column) => $"{column} - s.\"Seconds\" * 10000000";

    /// <summary>A Guid column as a new Guid per copy: its first 24 hex digits and the copy number in the last 12.</summary>
    public abstract string CopyGuid(string column);

    /// <summary>A number written with at least eight digits.</summary>
    public abstract string EightDigits(string number);

    /// <summary>
    /// The table's secondary indexes (not its key) as a query of <c>"Drop"</c> and <c>"Restore"</c> statements: creating
    /// an index once after the copies sorts them once, where keeping it meanwhile inserted every row at a random place.
    /// </summary>
    public abstract FormattableString SecondaryIndexes(string table);

    /// <summary>What follows inserting rows with explicit ids into <paramref name="table"/> (PostgreSQL moves its id sequence on).</summary>
    public abstract string? AfterInsert(string table);
}

internal sealed class SqliteCopySql : CopySql
{
    public override string CreateCopies(int copies) => $"""
        DROP TABLE IF EXISTS temp."SeedCopies";
        CREATE TEMP TABLE "SeedCopies" ("N" INTEGER PRIMARY KEY, "Seconds" INTEGER NOT NULL);
        WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < {copies})
        INSERT INTO "SeedCopies" SELECT n, {TemplateCopies.SecondsOf("n")} FROM c;
        """;

    public override Task<List<string>> ColumnsAsync(BizInboxDbContext db, string table, CancellationToken ct) =>
        db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM pragma_table_info({table}) ORDER BY cid").ToListAsync(ct);

    // Every instant is stored as UTC ticks (DateTimeOffsetToUtcTicksConverter).
    public override string ShiftInstant(string column) => ShiftTicks(column);

    public override string CopyGuid(string column) => $"substr({column}, 1, 24) || printf('%012X', s.\"N\")";

    public override string EightDigits(string number) => $"printf('%08d', {number})";

    public override FormattableString SecondaryIndexes(string table) =>
        $"SELECT 'DROP INDEX \"' || name || '\";' AS \"Drop\", sql AS \"Restore\" FROM sqlite_master WHERE type = 'index' AND tbl_name = {table} AND sql IS NOT NULL";

    public override string? AfterInsert(string table) => null;
}

internal sealed class PostgresCopySql : CopySql
{
    public override string CreateCopies(int copies) => $"""
        DROP TABLE IF EXISTS pg_temp."SeedCopies";
        CREATE TEMP TABLE "SeedCopies" ("N" bigint PRIMARY KEY, "Seconds" bigint NOT NULL);
        INSERT INTO "SeedCopies" SELECT n, {TemplateCopies.SecondsOf("n")} FROM generate_series(1, {copies}) AS n;
        """;

    public override Task<List<string>> ColumnsAsync(BizInboxDbContext db, string table, CancellationToken ct) =>
        db.Database.SqlQuery<string>($"""
            SELECT column_name::text AS "Value" FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = {table} AND is_generated = 'NEVER' ORDER BY ordinal_position
            """).ToListAsync(ct);

    public override string ShiftInstant(string column) => $"{column} - s.\"Seconds\" * interval '1 second'";

    public override string CopyGuid(string column) => $"(left({column}::text, 24) || lpad(to_hex(s.\"N\"), 12, '0'))::uuid";

    public override string EightDigits(string number) => $"lpad(({number})::text, 8, '0')";

    public override FormattableString SecondaryIndexes(string table) => $"""
        SELECT format('DROP INDEX %I;', indexname) AS "Drop", indexdef AS "Restore" FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = {table}
          AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = format('%I', {table})::regclass)
        """;

    public override string AfterInsert(string table) =>
        $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT max(\"Id\") FROM \"{table}\"));";
}
