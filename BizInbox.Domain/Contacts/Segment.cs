namespace BizInbox.Domain.Contacts;

/// <summary>
/// A saved filter of the contact list, shared with the team (<see cref="OwnerUserId"/> null) or personal to one member.
/// <see cref="Filter"/> is versioned JSON the web layer writes and reads; the domain only keeps it.
/// </summary>
public sealed class Segment
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxNameLength = 60;

    /// <summary>Longest filter JSON accepted.</summary>
    public const int MaxFilterLength = 4000;

    private Segment()
    {
        Name = string.Empty;
        Filter = "{}";
    }

    /// <summary>Identifier.</summary>
    public int Id { get; private set; }

    /// <summary>What the picker shows.</summary>
    public string Name { get; private set; }

    /// <summary>The member a personal segment belongs to; null for the team's.</summary>
    public string? OwnerUserId { get; private set; }

    /// <summary>Whether the whole team uses it.</summary>
    public bool IsShared => OwnerUserId is null;

    /// <summary>The saved filter as versioned JSON.</summary>
    public string Filter { get; private set; }

    /// <summary>A segment for the whole team (null owner) or for <paramref name="ownerUserId"/> alone.</summary>
    public static Segment Save(string? ownerUserId, string name, string filter)
    {
        if (filter is null || filter.Length > MaxFilterLength)
        {
            throw new DomainException("segment.filter_too_long", "This filter is too long to save.");
        }

        var segment = new Segment { OwnerUserId = ownerUserId, Filter = filter };
        segment.Rename(name);
        return segment;
    }

    /// <summary>Gives the segment another name.</summary>
    public void Rename(string name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new DomainException("segment.name_required", "Please name the segment.");
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw new DomainException("segment.name_too_long", $"A segment name may have at most {MaxNameLength} characters.");
        }

        Name = trimmed;
    }
}
