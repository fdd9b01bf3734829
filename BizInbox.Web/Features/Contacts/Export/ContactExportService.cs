using System.Globalization;
using BizInbox.Domain.Contacts;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Contacts.Import;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Contacts.Export;

/// <summary>
/// Writes every contact the list's filter matches (not only the page shown) as CSV, for owners and managers. Cells
/// that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) get a leading apostrophe; that includes
/// every phone number, since E.164 starts with "+". The importer takes the apostrophe off again.
/// </summary>
public sealed class ContactExportService(IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock, AuditLog audit, ILogger<ContactExportService> log)
{
    public static readonly string[] Headers = ["Name", "Phone", "Email", "Company", "Language", "Created", "Last activity"];

    /// <summary>Writes the CSV to <paramref name="output"/> and returns how many contacts it holds.</summary>
    public async Task<int> WriteAsync(CurrentMember actor, ContactQuery query, Stream output, char separator = ',', CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.TransferContacts, ct);
        // The same filter as the list's, attribute conditions included: the file holds exactly the contacts the list shows.
        var filtered = await AttributeFiltering.ApplyAsync(db, ContactService.Filtered(db, query), query.Attributes, ct);
        var rows = ContactService.Sorted(db, filtered, query)
            .Select(c => new { c.Name, c.Phone, c.Email, c.Company, c.Language, c.CreatedAt, c.LastSeenAt })
            .AsAsyncEnumerable();
        var options = CsvWriterOptions.Default with { Separator = separator, Injection = CsvInjection.Escape, WriteByteOrderMark = true };
        var count = 0;
        await using (var csv = CsvWriter.Create(output, options, leaveOpen: true))
        {
            await csv.WriteRecordAsync(Headers, ct);
            await foreach (var c in rows.WithCancellation(ct))
            {
                await csv.WriteRecordAsync([c.Name, c.Phone, c.Email, c.Company, c.Language, Instant(c.CreatedAt), c.LastSeenAt is { } seen ? Instant(seen) : null], ct);
                count++;
            }

            await csv.FlushAsync(ct);
        }

        await audit.RecordAsync(actor, Domain.Audit.AuditAction.ContactsExported, details: $"{count} contacts{(query.IsFiltered ? " (filtered)" : "")}", ct: ct);
        log.LogInformation("{UserId} exported {Count} contacts at {At} (filtered: {Filtered})", me.Id, count, clock.GetUtcNow(), query.IsFiltered);
        return count;
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
