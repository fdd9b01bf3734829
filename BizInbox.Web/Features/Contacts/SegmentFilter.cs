using System.Text.Json;
using System.Text.Json.Serialization;

namespace BizInbox.Web.Features.Contacts;

/// <summary>A condition as a segment keeps it: the attribute's key too, so that a note can name an attribute deleted since.</summary>
public sealed record SavedCondition(int AttributeId, string Key, AttributeOperator Operator, string? Value);

/// <summary>
/// The contact list's filter as a segment stores it: the list's own filters as they are (so that a filter added to
/// <see cref="ContactFilters.Values"/> is saved without a change here) and the attribute conditions. Stored as JSON
/// with a version, so that a later version can still read older segments.
/// </summary>
public sealed record SegmentFilter(ContactFilters.Values List, IReadOnlyList<SavedCondition> Attributes)
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record Envelope(int Version, SegmentFilter? Filter);

    /// <summary>The list's current filter, its attribute conditions named by key.</summary>
    public static SegmentFilter Of(ContactFilters.Values list, IEnumerable<AttributeCondition> conditions, IReadOnlyList<AttributeItem> attributes) =>
        new(list, [.. conditions.Select(c => new SavedCondition(c.AttributeId, attributes.FirstOrDefault(a => a.Id == c.AttributeId)?.Key ?? string.Empty, c.Operator, c.Value))]);

    /// <summary>The conditions whose attribute still exists (same id and key), and the keys of those that are gone.</summary>
    public (IReadOnlyList<AttributeCondition> Conditions, IReadOnlyList<string> Missing) Resolve(IReadOnlyList<AttributeItem> attributes)
    {
        var known = Attributes.Where(c => attributes.Any(a => a.Id == c.AttributeId && a.Key == c.Key)).ToList();
        return ([.. known.Select(c => new AttributeCondition(c.AttributeId, c.Operator, c.Value))], [.. Attributes.Except(known).Select(c => c.Key)]);
    }

    public string ToJson() => JsonSerializer.Serialize(new Envelope(CurrentVersion, this), Json);

    /// <summary>The filter in <paramref name="json"/>, or null when it is unreadable or from a newer version.</summary>
    public static SegmentFilter? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Envelope>(json, Json) is { Version: CurrentVersion, Filter: { List: not null } filter }
                ? filter with { Attributes = filter.Attributes ?? [] }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}

/// <summary>Everything that narrows the contact list: its own filters and the attribute conditions.</summary>
public sealed record ContactListFilter(ContactFilters.Values List, IReadOnlyList<AttributeCondition> Conditions);
