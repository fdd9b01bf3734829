using BizInbox.Domain.Search;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data.Keeping;

namespace BizInbox.Web.Features.Search;

/// <summary>
/// PostgreSQL: the message documents that hold every term, from the stored <c>SearchVector</c> column and its GIN index.
/// Asked for a page newest first, the planner either walks the documents backwards until it has one (right for a word in
/// many messages, ruinous for a rare one: it reads every document to find none) or reads every match from the GIN index
/// and sorts them (right for a rare word, slow for fifty thousand matches, which it expects when words that occur together
/// look independent to it). Its statistics cannot tell which, so the GIN index first counts the matches up to
/// <see cref="CandidateLimit"/>: that few are read as a set and sorted; with more, the newest documents are walked first,
/// and only a page they cannot fill (a filter that few matches pass) is left to the planner.
/// </summary>
internal static class PostgresMessageMatch
{
    /// <summary>Matches sorted as a set at most; a word with more is read newest first.</summary>
    internal const int CandidateLimit = 500;

    /// <summary>How many of the newest documents the walk reads before the planner takes over.</summary>
    internal const int NewestWindow = 100_000;

    private const string Columns = "\"Id\", \"Kind\", \"MessageId\", \"ConversationId\", \"ContactId\", \"CreatedAt\", \"Text\"";

    /// <summary>The ways to read the matching message documents, in order (see <see cref="SearchService.MatchingMessagesAsync"/>).</summary>
    public static async Task<IReadOnlyList<IQueryable<SearchDocument>>> DocumentsAsync(
        BizInboxDbContext db, SearchQuery query, int candidateLimit, CancellationToken ct)
    {
        var tsQuery = query.ToTsQuery();
        var counted = await db.Database.SqlQuery<int>(
                $"SELECT count(*)::int AS \"Value\" FROM (SELECT 1 FROM \"SearchDocuments\" WHERE \"Kind\" = 2 AND \"SearchVector\" @@ to_tsquery('simple', {tsQuery}) LIMIT {candidateLimit + 1}) AS m")
            .SingleAsync(ct);
        if (counted == 0)
        {
            return [];
        }

        if (counted <= candidateLimit)
        {
            // MATERIALIZED: read once through the GIN index. The LIMIT cuts nothing (there are no more) but tells the
            // planner how few rows to expect, so that it joins them one by one instead of reading every conversation.
            return [db.SearchDocuments.FromSqlRaw(
                "WITH m AS MATERIALIZED (SELECT " + Columns + " FROM \"SearchDocuments\" WHERE \"Kind\" = 2 AND \"SearchVector\" @@ to_tsquery('simple', {0}) LIMIT {1}) SELECT * FROM m",
                tsQuery, candidateLimit + 1)];
        }

        // ts_match_vq is @@ in a form no index answers, so the planner walks the primary key backwards through the window.
        return
        [
            db.SearchDocuments.FromSqlRaw(
                "SELECT " + Columns + " FROM \"SearchDocuments\" WHERE \"Kind\" = 2 AND \"Id\" > (SELECT max(\"Id\") FROM \"SearchDocuments\") - {1} AND ts_match_vq(\"SearchVector\", to_tsquery('simple', {0}))",
                tsQuery, NewestWindow),
            db.SearchDocuments.FromSqlRaw(
                "SELECT " + Columns + " FROM \"SearchDocuments\" WHERE \"Kind\" = 2 AND \"SearchVector\" @@ to_tsquery('simple', {0})", tsQuery),
        ];
    }
}
