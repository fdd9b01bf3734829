using BizInbox.Domain.Search;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Search;

/// <summary>
/// PostgreSQL: the message documents that hold every term, read from the stored <c>SearchVector</c> column and its GIN
/// index. Asked for a page newest first, the planner walks the documents backwards until it has one; right for a word in
/// many messages, ruinous for a rare word (it reads every document to find none). So the GIN index first counts the
/// matches up to <see cref="CandidateLimit"/>: that few are read as a set and sorted, and only a word with more matches
/// is left to the walk, which then finds a page within the newest documents.
/// </summary>
internal static class PostgresMessageMatch
{
    /// <summary>Matches sorted as a set at most; a word with more is read newest first.</summary>
    internal const int CandidateLimit = 500;

    /// <summary>The matching message documents, or null when no message holds every term (<paramref name="candidateLimit"/>: see <see cref="CandidateLimit"/>).</summary>
    public static async Task<IQueryable<SearchDocument>?> DocumentsAsync(BizInboxDbContext db, SearchQuery query, int candidateLimit, CancellationToken ct)
    {
        var tsQuery = query.ToTsQuery();
        var counted = await db.Database.SqlQuery<int>(
                $"SELECT count(*)::int AS \"Value\" FROM (SELECT 1 FROM \"SearchDocuments\" WHERE \"Kind\" = 2 AND \"SearchVector\" @@ to_tsquery('simple', {tsQuery}) LIMIT {candidateLimit + 1}) AS m")
            .SingleAsync(ct);
        if (counted == 0)
        {
            return null;
        }

        // MATERIALIZED: the matches are read once through the GIN index, and the page is sorted from them. The LIMIT
        // cuts nothing (there are no more) but tells the planner how few rows to expect, so it joins them one by one.
        return counted <= candidateLimit
            ? db.SearchDocuments.FromSql(
                $"WITH m AS MATERIALIZED (SELECT \"Id\", \"Kind\", \"MessageId\", \"ConversationId\", \"ContactId\", \"CreatedAt\", \"Text\" FROM \"SearchDocuments\" WHERE \"Kind\" = 2 AND \"SearchVector\" @@ to_tsquery('simple', {tsQuery}) LIMIT {candidateLimit + 1}) SELECT * FROM m")
            : db.SearchDocuments.FromSql(
                $"SELECT \"Id\", \"Kind\", \"MessageId\", \"ConversationId\", \"ContactId\", \"CreatedAt\", \"Text\" FROM \"SearchDocuments\" WHERE \"Kind\" = 2 AND \"SearchVector\" @@ to_tsquery('simple', {tsQuery})");
    }
}
