using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data.Keeping;

namespace BizInbox.Web.Features.Search;

/// <summary>
/// Indexes the messages and contacts written before search existed, in batches, at start-up before the app serves.
/// New rows are indexed as they are saved (<see cref="SearchIndexer"/>). Running first keeps the documents' ids in the
/// order the messages were written, which is the order results are listed in (newest first, straight from the
/// full-text index). Messages are indexed in ascending order, so the highest indexed message marks the progress.
/// </summary>
public sealed class SearchBackfill(IDbContextFactory<BizInboxDbContext> contexts, ILogger<SearchBackfill> logger)
{
    private const int BatchSize = 2000;

    /// <summary>Indexes everything not yet indexed; returns how many documents it added.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var total = 0;
        long after;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            after = await db.SearchDocuments.MaxAsync(d => d.MessageId, ct) ?? 0;
        }

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

        if (total > 0)
        {
            logger.LogInformation("Search index caught up with {Count} message(s) and contact(s)", total);
        }

        return total;
    }
}
