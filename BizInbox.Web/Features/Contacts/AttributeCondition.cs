using BizInbox.Domain.Contacts;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Contacts;

public enum AttributeOperator
{
    IsSet,
    IsEqualTo,
    Contains,
    GreaterThan,
    LessThan,
    IsChecked,
}

/// <summary>One condition on a custom attribute in the contact list's filter; <see cref="Value"/> is canonical (see <see cref="AttributeValue"/>).</summary>
public sealed record AttributeCondition(int AttributeId, AttributeOperator Operator, string? Value = null)
{
    /// <summary>The operators that make sense for an attribute of <paramref name="type"/>, the first being the usual one.</summary>
    public static IReadOnlyList<AttributeOperator> OperatorsFor(AttributeType type) => type switch
    {
        AttributeType.Text or AttributeType.Link => [AttributeOperator.Contains, AttributeOperator.IsEqualTo, AttributeOperator.IsSet],
        AttributeType.Number or AttributeType.Date => [AttributeOperator.IsEqualTo, AttributeOperator.GreaterThan, AttributeOperator.LessThan, AttributeOperator.IsSet],
        AttributeType.List => [AttributeOperator.IsEqualTo, AttributeOperator.IsSet],
        _ => [AttributeOperator.IsChecked],
    };

    public static bool NeedsValue(AttributeOperator op) => op is not (AttributeOperator.IsSet or AttributeOperator.IsChecked);
}

/// <summary>Narrows contacts by attribute conditions in the database (an EXISTS on the typed value columns).</summary>
internal static class AttributeFiltering
{
    /// <summary>A condition on an attribute that no longer exists, or with an unreadable value, matches nobody rather than being dropped silently.</summary>
    public static async Task<IQueryable<Contact>> ApplyAsync(BizInboxDbContext db, IQueryable<Contact> contacts, IReadOnlyList<AttributeCondition>? conditions, CancellationToken ct)
    {
        if (conditions is not { Count: > 0 })
        {
            return contacts;
        }

        var ids = conditions.Select(c => c.AttributeId).Distinct().ToList();
        var attributes = await db.ContactAttributes.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var condition in conditions)
        {
            var values = attributes.TryGetValue(condition.AttributeId, out var attribute) ? Matching(db, attribute, condition) : null;
            contacts = values is null ? contacts.Where(c => false) : contacts.Where(c => values.Any(v => v.ContactId == c.Id));
        }

        return contacts;
    }

    private static IQueryable<ContactAttributeValue>? Matching(BizInboxDbContext db, AttributeDefinition attribute, AttributeCondition condition)
    {
        var values = db.ContactAttributeValues.Where(v => v.AttributeId == attribute.Id);
        if (condition.Operator == AttributeOperator.IsSet)
        {
            return values;
        }

        if (condition.Operator == AttributeOperator.IsChecked)
        {
            return values.Where(v => v.Text == "true");
        }

        AttributeValue? value;
        try
        {
            value = AttributeValue.Read(attribute.Type, attribute.Options, condition.Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Domain.DomainException)
        {
            value = null;
        }

        var folded = value?.Text.ToLowerInvariant();
        return (value, condition.Operator) switch
        {
            (null, _) => null,
            ({ Number: { } n }, AttributeOperator.IsEqualTo) => values.Where(v => v.Number == n),
            ({ Number: { } n }, AttributeOperator.GreaterThan) => values.Where(v => v.Number > n),
            ({ Number: { } n }, AttributeOperator.LessThan) => values.Where(v => v.Number < n),
            ({ Date: { } d }, AttributeOperator.IsEqualTo) => values.Where(v => v.Date == d),
            ({ Date: { } d }, AttributeOperator.GreaterThan) => values.Where(v => v.Date > d),
            ({ Date: { } d }, AttributeOperator.LessThan) => values.Where(v => v.Date < d),
            (_, AttributeOperator.IsEqualTo) => values.Where(v => v.Folded == folded),
            (_, AttributeOperator.Contains) => values.Where(v => v.Folded.Contains(folded!)),
            _ => null,
        };
    }
}
