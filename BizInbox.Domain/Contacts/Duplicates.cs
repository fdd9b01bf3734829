using System.Globalization;
using System.Text;

namespace BizInbox.Domain.Contacts;

/// <summary>Why two contacts look like one customer, strongest first.</summary>
public enum DuplicateReason
{
    /// <summary>Both have the same phone number (E.164).</summary>
    SamePhone = 1,

    /// <summary>Both have the same email address, ignoring case.</summary>
    SameEmail,

    /// <summary>Their names are nearly the same and they work for the same company.</summary>
    SimilarNameSameCompany,
}

/// <summary>What duplicate detection compares of a contact.</summary>
public sealed record DuplicateCandidate(Guid Id, string Name, string? Email, string? Phone, string? Company);

/// <summary>Two contacts that are probably one customer, and the strongest reason to think so.</summary>
public sealed record DuplicatePair(DuplicateCandidate First, DuplicateCandidate Second, DuplicateReason Reason)
{
    /// <summary>The pair's key, the same whichever contact comes first.</summary>
    public (Guid, Guid) Key => Duplicates.KeyOf(First.Id, Second.Id);
}

/// <summary>The rules that tell likely duplicates apart from namesakes.</summary>
public static class Duplicates
{
    /// <summary>A pair's key, the same whichever contact comes first.</summary>
    public static (Guid, Guid) KeyOf(Guid a, Guid b) => a.CompareTo(b) < 0 ? (a, b) : (b, a);

    /// <summary>The strongest reason the two are one customer, or null when nothing suggests it.</summary>
    public static DuplicateReason? ReasonFor(DuplicateCandidate a, DuplicateCandidate b)
    {
        if (a.Id == b.Id)
        {
            return null;
        }

        if (a.Phone is not null && a.Phone == b.Phone)
        {
            return DuplicateReason.SamePhone;
        }

        if (a.Email is not null && b.Email is not null && string.Equals(a.Email.Trim(), b.Email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return DuplicateReason.SameEmail;
        }

        return !string.IsNullOrWhiteSpace(a.Company) && Fold(a.Company) == Fold(b.Company ?? string.Empty) && SimilarNames(a.Name, b.Name)
            ? DuplicateReason.SimilarNameSameCompany
            : null;
    }

    /// <summary>The likely duplicate pairs among <paramref name="contacts"/>, strongest reason first.</summary>
    public static IReadOnlyList<DuplicatePair> Among(IReadOnlyList<DuplicateCandidate> contacts)
    {
        var pairs = new List<DuplicatePair>();
        for (var i = 0; i < contacts.Count; i++)
        {
            for (var j = i + 1; j < contacts.Count; j++)
            {
                if (ReasonFor(contacts[i], contacts[j]) is { } reason)
                {
                    pairs.Add(new DuplicatePair(contacts[i], contacts[j], reason));
                }
            }
        }

        return [.. pairs.DistinctBy(p => p.Key).OrderBy(p => p.Reason).ThenBy(p => p.First.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>
    /// Whether two names are one person's written two ways: the same after folding case, accents and spacing
    /// ("Jörg Müller", "jorg  muller"), or at most one typo apart per six letters ("Katharina Schmidt", "Katarina Schmidt").
    /// </summary>
    public static bool SimilarNames(string a, string b)
    {
        var (x, y) = (Fold(a), Fold(b));
        if (x.Length == 0 || y.Length == 0)
        {
            return false;
        }

        return x == y || Distance(x, y) <= Math.Max(1, Math.Min(x.Length, y.Length) / 6);
    }

    /// <summary>Lower case without accents, with "ä/ae"-style spellings and spacing made one.</summary>
    public static string Fold(string text)
    {
        var lower = text.Trim().ToLowerInvariant().Replace("ae", "a", StringComparison.Ordinal).Replace("oe", "o", StringComparison.Ordinal)
            .Replace("ue", "u", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal);
        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && (char.IsLetterOrDigit(c) || (c == ' ' && builder.Length > 0 && builder[^1] != ' ')))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().TrimEnd();
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
