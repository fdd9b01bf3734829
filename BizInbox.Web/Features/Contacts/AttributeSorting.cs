using System.Linq.Expressions;
using BizInbox.Domain.Contacts;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Contacts;

/// <summary>
/// Orders contacts by a custom attribute, typed: numbers by number, dates by date, everything else by the lower-cased
/// text. Contacts without a value come last in both directions; ties and the contacts without a value go by id, in the
/// direction of the sort (as the list's other sorts do, so that one index serves both directions).
/// </summary>
internal static class AttributeSorting
{
    /// <summary>A filter that leaves at most this many contacts is applied first and its matches sorted (see <see cref="PageAsync"/>).</summary>
    public const int SortFilteredBelow = 2_000;

    /// <summary>
    /// The ids of one page. Unfiltered or broadly filtered, first the contacts with a value, walked in the order of the
    /// attribute's typed index (attribute, value, contact), then, once those run out, the contacts without one: a page
    /// reads only its own rows and never sorts the whole list. A narrow filter (<paramref name="filtered"/> contacts of
    /// <see cref="SortFilteredBelow"/> at most) could leave few of those values matching, so its matches are sorted instead.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> PageAsync(
        BizInboxDbContext db, IQueryable<Contact> contacts, int attributeId, bool descending, int skip, int take, int? filtered, CancellationToken ct)
    {
        if (filtered <= SortFilteredBelow)
        {
            return await Sorted(db, contacts, attributeId, descending).Skip(skip).Take(take).Select(c => c.Id).ToListAsync(ct);
        }

        var type = await db.ContactAttributes.Where(a => a.Id == attributeId).Select(a => (AttributeType?)a.Type).FirstOrDefaultAsync(ct);
        var valued = db.ContactAttributeValues.Where(v => v.AttributeId == attributeId && contacts.Any(c => c.Id == v.ContactId));
        var ids = type is null ? [] : await Ordered(valued, type.Value, descending).Skip(skip).Take(take).Select(v => v.ContactId).ToListAsync(ct);
        if (ids.Count == take)
        {
            return ids;
        }

        // Past the contacts with a value: how far into those without one this page starts.
        var withValue = ids.Count > 0 ? skip + ids.Count : type is null ? 0 : await valued.CountAsync(ct);
        var without = contacts.Where(c => !db.ContactAttributeValues.Any(v => v.ContactId == c.Id && v.AttributeId == attributeId));
        var rest = await (descending ? without.OrderByDescending(c => c.Id) : without.OrderBy(c => c.Id))
            .Skip(Math.Max(0, skip - withValue)).Take(take - ids.Count).Select(c => c.Id).ToListAsync(ct);
        return [.. ids, .. rest];
    }

    /// <summary>Every contact in the same order as <see cref="PageAsync"/> (for the export, which reads them all anyway).</summary>
    public static IOrderedQueryable<Contact> Sorted(BizInboxDbContext db, IQueryable<Contact> contacts, int attributeId, bool descending)
    {
        var values = db.ContactAttributeValues.Where(v => v.AttributeId == attributeId);
        var missingLast = contacts.OrderBy(c => !values.Any(v => v.ContactId == c.Id));
        return descending
            ? missingLast.ThenByDescending(c => values.Where(v => v.ContactId == c.Id).Select(v => v.Number).FirstOrDefault())
                .ThenByDescending(c => values.Where(v => v.ContactId == c.Id).Select(v => v.Date).FirstOrDefault())
                .ThenByDescending(c => values.Where(v => v.ContactId == c.Id).Select(v => v.Folded).FirstOrDefault())
                .ThenByDescending(c => c.Id)
            : missingLast.ThenBy(c => values.Where(v => v.ContactId == c.Id).Select(v => v.Number).FirstOrDefault())
                .ThenBy(c => values.Where(v => v.ContactId == c.Id).Select(v => v.Date).FirstOrDefault())
                .ThenBy(c => values.Where(v => v.ContactId == c.Id).Select(v => v.Folded).FirstOrDefault())
                .ThenBy(c => c.Id);
    }

    private static IQueryable<ContactAttributeValue> Ordered(IQueryable<ContactAttributeValue> values, AttributeType type, bool descending) => type switch
    {
        AttributeType.Number => By(values, v => v.Number, descending),
        AttributeType.Date => By(values, v => v.Date, descending),
        _ => By(values, v => v.Folded, descending),
    };

    private static IQueryable<ContactAttributeValue> By<TKey>(IQueryable<ContactAttributeValue> values, Expression<Func<ContactAttributeValue, TKey>> key, bool descending) =>
        descending ? values.OrderByDescending(key).ThenByDescending(v => v.ContactId) : values.OrderBy(key).ThenBy(v => v.ContactId);
}
