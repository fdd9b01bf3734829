using System.Globalization;

namespace BizInbox.Domain.Search;

/// <summary>A piece of a shown text; <see cref="Hit"/> marks a word the search matched.</summary>
public sealed record TextSegment(string Text, bool Hit);

/// <summary>Cuts a text into plain and matched pieces, so that the page can mark the hits without ever rendering markup from the text.</summary>
public static class Highlight
{
    /// <summary>
    /// The pieces of <paramref name="text"/>, words matching <paramref name="query"/> marked; when the text is longer
    /// than <paramref name="maxLength"/>, an excerpt around the first hit with "…" where it was cut.
    /// </summary>
    public static IReadOnlyList<TextSegment> Segments(string? text, SearchQuery query, int maxLength = int.MaxValue)
    {
        text ??= string.Empty;
        var words = WordSpans(text).Where(w => !query.IsEmpty && query.Matches(SearchText.Fold(text.Substring(w.Start, w.Length)))).ToList();
        var (from, to) = Window(text, words.Count > 0 ? words[0].Start : 0, maxLength);
        var segments = new List<TextSegment>();
        if (from > 0)
        {
            segments.Add(new TextSegment("…", false));
        }

        var at = from;
        foreach (var (start, length) in words.Where(w => w.Start >= from && w.Start + w.Length <= to))
        {
            if (start > at)
            {
                segments.Add(new TextSegment(text[at..start], false));
            }

            segments.Add(new TextSegment(text.Substring(start, length), true));
            at = start + length;
        }

        if (to > at)
        {
            segments.Add(new TextSegment(text[at..to], false));
        }

        if (to < text.Length)
        {
            segments.Add(new TextSegment("…", false));
        }

        return segments;
    }

    private static (int From, int To) Window(string text, int firstHit, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return (0, text.Length);
        }

        // Some words of context before the hit, then as much after as fits; cut at spaces where there are some.
        var from = Math.Max(0, firstHit - (maxLength / 3));
        if (from > 0 && text.IndexOf(' ', from) is var space and >= 0 && space < firstHit)
        {
            from = space + 1;
        }

        var to = Math.Min(text.Length, from + maxLength);
        if (to < text.Length && text.LastIndexOf(' ', to - 1) is var end && end > firstHit)
        {
            to = end;
        }

        return (from, to);
    }

    private static IEnumerable<(int Start, int Length)> WordSpans(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }
}
