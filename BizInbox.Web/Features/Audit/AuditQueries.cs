using System.Globalization;
using BizInbox.Domain;
using BizInbox.Domain.Audit;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Audit;

public sealed record AuditFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? ActorId = null, AuditAction? Action = null, string? Text = null);

public sealed record AuditRow(long Id, DateTimeOffset At, string ActorName, AuditAction Action, string? Target, string? Details, string? IpAddress, string? UserAgent);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total);

public sealed record AuditActorOption(string Id, string Name);

/// <summary>The owner's reading of the audit log: a filtered page, the people in it, and the CSV of a filter.</summary>
public sealed class AuditQueries(IDbContextFactory<BizInboxDbContext> contexts, AuditLog log)
{
    public const int MaxPageSize = 100;

    public static readonly string[] Headers = ["Time (UTC)", "Person", "Action", "Target", "Details", "IP address", "Browser"];

    public async Task<AuditPage> PageAsync(CurrentMember actor, AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ReadAuditLog, ct);
        var entries = Filtered(db, filter);
        var total = await entries.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var rows = await Rows(entries).Skip(Math.Max(0, page) * size).Take(size).ToListAsync(ct);
        return new AuditPage(rows, total);
    }

    /// <summary>Everyone who appears in the log as a member, for the person filter.</summary>
    public async Task<IReadOnlyList<AuditActorOption>> ActorsAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ReadAuditLog, ct);
        var ids = await db.AuditEntries.Where(e => e.ActorId != null).Select(e => e.ActorId!).Distinct().ToListAsync(ct);
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. ids.Select(id => new AuditActorOption(id, names.GetValueOrDefault(id, id))).OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Writes every entry of the filter as CSV (cells a spreadsheet would run as a formula are escaped); the export is itself logged.</summary>
    public async Task<int> WriteCsvAsync(CurrentMember actor, AuditFilter filter, Stream output, char separator = ',', CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ReadAuditLog, ct);
        var options = CsvWriterOptions.Default with { Separator = separator, Injection = CsvInjection.Escape, WriteByteOrderMark = true };
        var count = 0;
        await using (var csv = CsvWriter.Create(output, options, leaveOpen: true))
        {
            await csv.WriteRecordAsync(Headers, ct);
            await foreach (var r in Rows(Filtered(db, filter)).AsAsyncEnumerable().WithCancellation(ct))
            {
                var at = r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                await csv.WriteRecordAsync([at, r.ActorName, r.Action.ToString(), r.Target, r.Details, r.IpAddress, r.UserAgent], ct);
                count++;
            }

            await csv.FlushAsync(ct);
        }

        await log.RecordAsync(actor, AuditAction.AuditLogExported, details: $"{count} entries", ct: ct);
        return count;
    }

    private static IQueryable<AuditEntry> Filtered(BizInboxDbContext db, AuditFilter filter)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (filter.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (filter.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }

        if (!string.IsNullOrEmpty(filter.ActorId))
        {
            entries = entries.Where(e => e.ActorId == filter.ActorId);
        }

        if (filter.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (filter.Text?.Trim().ToLower() is { Length: > 0 } text)
        {
            entries = entries.Where(e => e.ActorName.ToLower().Contains(text) || (e.Target ?? "").ToLower().Contains(text)
                || (e.Details ?? "").ToLower().Contains(text) || (e.IpAddress ?? "").Contains(text));
        }

        return entries;
    }

    private static IQueryable<AuditRow> Rows(IQueryable<AuditEntry> entries) =>
        entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new AuditRow(e.Id, e.At, e.ActorName, e.Action, e.Target, e.Details, e.IpAddress, e.UserAgent));
}
