namespace BizInbox.Domain.Search;

/// <summary>
/// What a person typed into the search box, as folded words that all have to occur (each as the start of a word,
/// so "muel" finds "Müller"). Quotes, operators and wildcards are not syntax here: they fold away with all other
/// punctuation, so no input can break a database's full-text query.
/// </summary>
public sealed class SearchQuery
{
    /// <summary>More words than this are ignored (a pasted paragraph is not a search).</summary>
    public const int MaxTerms = 8;

    /// <summary>Longest input read.</summary>
    public const int MaxInputLength = 200;

    private SearchQuery(string raw, IReadOnlyList<string> terms)
    {
        Raw = raw;
        Terms = terms;
    }

    /// <summary>The input as typed (trimmed, cut at <see cref="MaxInputLength"/>).</summary>
    public string Raw { get; }

    /// <summary>The folded words, distinct, in the order typed.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Whether there is nothing to search for.</summary>
    public bool IsEmpty => Terms.Count == 0;

    /// <summary>Reads what was typed; never fails, whatever it holds.</summary>
    public static SearchQuery Parse(string? input)
    {
        var raw = (input ?? string.Empty).Trim();
        raw = raw.Length > MaxInputLength ? raw[..MaxInputLength] : raw;
        return new SearchQuery(raw, SearchText.Words(raw).Distinct().Take(MaxTerms).ToList());
    }

    /// <summary>SQLite FTS5 MATCH expression: every term as a quoted prefix ("mueller"* "rechnung"*), implicitly AND.</summary>
    public string ToFts5() => string.Join(' ', Terms.Select(t => $"\"{t}\"*"));

    /// <summary>PostgreSQL to_tsquery('simple', …) expression: mueller:* &amp; rechnung:*.</summary>
    public string ToTsQuery() => string.Join(" & ", Terms.Select(t => $"{t}:*"));

    /// <summary>LIKE patterns for databases without full-text search: each term at the start of a word of the folded text (which begins with a space).</summary>
    public IReadOnlyList<string> ToLikePatterns() => Terms.Select(t => $"% {t}%").ToList();

    /// <summary>Whether a folded word of a text is a hit for this query.</summary>
    public bool Matches(string foldedWord) => Terms.Any(t => foldedWord.StartsWith(t, StringComparison.Ordinal));
}
