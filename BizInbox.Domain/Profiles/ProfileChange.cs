namespace BizInbox.Domain.Profiles;

/// <summary>
/// One changed profile field or review outcome: who, when, before and after. Shaped like an audit entry so a
/// general audit log can take these rows over.
/// </summary>
public sealed class ProfileChange
{
    public const int MaxValueLength = 600;

    private ProfileChange()
    {
        Field = Before = After = ActorName = string.Empty;
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The member who made the change, or null when WhatsApp reported it (a review outcome).</summary>
    public string? ActorId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>Stable field key, e.g. "about", "name", "name_review".</summary>
    public string Field { get; private set; }

    public string Before { get; private set; }

    public string After { get; private set; }

    public static ProfileChange Of(string field, string? before, string? after, string? actorId, string actorName, DateTimeOffset at) => new()
    {
        Field = field,
        Before = Clip(before),
        After = Clip(after),
        ActorId = actorId,
        ActorName = actorName,
        At = at,
    };

    private static string Clip(string? value) => value is null ? string.Empty : value.Length <= MaxValueLength ? value : value[..MaxValueLength];
}
