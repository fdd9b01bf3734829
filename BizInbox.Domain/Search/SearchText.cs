using System.Globalization;
using System.Text;

namespace BizInbox.Domain.Search;

/// <summary>
/// The one spelling that indexed text and queries are compared in: lower case, German umlauts and ß written out
/// (ä→ae, ö→oe, ü→ue, ß→ss, so "Müller" and "Mueller" are one word), other diacritics dropped (é→e), and anything
/// that is not a letter or digit a space. Databases' own folding (SQLite's unicode61 turns ü into u) cannot do this.
/// </summary>
public static class SearchText
{
    /// <summary>Folds <paramref name="text"/> into space-separated words; empty for null or punctuation only.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length + 8);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // Decomposed ü is u + diaeresis: the umlauts' diaeresis becomes the "e" of their transliteration.
                if (c == '\u0308' && folded.Length > 0 && folded[^1] is 'a' or 'o' or 'u')
                {
                    folded.Append('e');
                }

                continue;
            }

            if (c == 'ß')
            {
                folded.Append("ss");
            }
            else if (char.IsLetterOrDigit(c))
            {
                folded.Append(c);
            }
            else if (folded.Length > 0 && folded[^1] != ' ')
            {
                folded.Append(' ');
            }
        }

        return folded.ToString().TrimEnd();
    }

    /// <summary>The folded words of <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Words(string? text) =>
        Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
