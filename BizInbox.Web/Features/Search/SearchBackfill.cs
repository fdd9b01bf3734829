using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Search;

/// <summary>
/// Indexes the messages and contacts written before search existed (or by anything that bypassed EF), in batches,
/// once per start. New rows are indexed as they are saved (<see cref="SearchIndexer"/>), so this only ever catches up.
/// </summary>
public sealed class SearchBackfill(IDbContextFactory<BizInboxDbContext> contexts, ILogger<SearchBackfill> logger) : BackgroundService
{
    private const int BatchSize = 2000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var indexed = await RunAsync(stoppingToken);
            if (indexed > 0)
            {
                logger.LogInformation("Search index caught up with {Count} message(s) and contact(s)", indexed);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Search backfill stopped; it resumes at the next start");
        }
    }

    /// <summary>Indexes everything not yet indexed; returns how many documents it added.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var total = 0;
        long after = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var batch = await db.Messages
                .Where(m => m.Id > after && (m.Kind == MessageKind.Incoming || m.Kind == MessageKind.Outgoing || m.Kind == MessageKind.Note))
                .Where(m => !db.SearchDocuments.Any(d => d.MessageId == m.Id))
                .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            var documents = batch.Where(SearchDocument.IsSearchable).Select(SearchDocument.For).ToList();
            db.SearchDocuments.AddRange(documents);
            await db.SaveChangesAsync(ct);
            total += documents.Count;
            after = batch[^1].Id;
        }

        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var batch = await db.Contacts.Where(c => !db.SearchDocuments.Any(d => d.ContactId == c.Id)).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            db.SearchDocuments.AddRange(batch.Select(SearchDocument.For));
            await db.SaveChangesAsync(ct);
            total += batch.Count;
        }

        return total;
    }
}
