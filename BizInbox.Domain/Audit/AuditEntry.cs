namespace BizInbox.Domain.Audit;

/// <summary>
/// One line of the audit log: who did what, when and from where. Entries are only ever added; the app changes or
/// removes none of them except the retention purge (the database context refuses anything else).
/// </summary>
public sealed class AuditEntry
{
    public const int MaxNameLength = 200;
    public const int MaxTargetLength = 300;
    public const int MaxDetailsLength = 1000;
    public const int MaxAddressLength = 45;
    public const int MaxAgentLength = 120;

    private AuditEntry()
    {
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The member who acted; null for an unknown e-mail at sign-in.</summary>
    public string? ActorId { get; private set; }

    /// <summary>The actor's name (or the e-mail attempted) at the time: it stays readable after a rename or removal.</summary>
    public string ActorName { get; private set; } = string.Empty;

    public AuditAction Action { get; private set; }

    /// <summary>What was acted on, in words (a member, an invitation's address, a channel, a contact).</summary>
    public string? Target { get; private set; }

    public string? Details { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    public static AuditEntry Record(
        DateTimeOffset at, string? actorId, string actorName, AuditAction action, string? target = null, string? details = null,
        string? ipAddress = null, string? userAgent = null) => new()
    {
        At = at,
        ActorId = actorId,
        ActorName = Clip(actorName, MaxNameLength) ?? string.Empty,
        Action = action,
        Target = Clip(target, MaxTargetLength),
        Details = Clip(details, MaxDetailsLength),
        IpAddress = Clip(ipAddress, MaxAddressLength),
        UserAgent = ShortAgent(userAgent),
    };

    /// <summary>
    /// The browser and system of a User-Agent header in a few words ("Firefox 132 on Windows"): enough to tell two
    /// sessions apart, without the full fingerprint. Unknown agents are kept, clipped.
    /// </summary>
    public static string? ShortAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }

        var browser = Browser(userAgent);
        var system = System(userAgent);
        return browser is null && system is null
            ? Clip(userAgent.Trim(), MaxAgentLength)
            : $"{browser ?? "?"} on {system ?? "?"}";
    }

    private static string? Browser(string agent)
    {
        // Order matters: Edge and Opera also claim Chrome, Chrome also claims Safari.
        (string Token, string Name)[] browsers = [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Version/", "Safari")];
        foreach (var (token, name) in browsers)
        {
            var at = agent.IndexOf(token, StringComparison.Ordinal);
            if (at >= 0)
            {
                var version = new string([.. agent[(at + token.Length)..].TakeWhile(char.IsDigit)]);
                return version.Length > 0 ? $"{name} {version}" : name;
            }
        }

        return null;
    }

    private static string? System(string agent)
    {
        (string Token, string Name)[] systems = [("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Windows", "Windows"), ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux")];
        return systems.FirstOrDefault(s => agent.Contains(s.Token, StringComparison.Ordinal)).Name;
    }

    private static string? Clip(string? text, int length) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= length ? text : text[..length];
}
