namespace BizInbox.Web.Realtime;

/// <summary>Someone on a conversation's screen, on some server; typing until the given instant.</summary>
public sealed record PresenceEntry(string UserId, string Name, DateTimeOffset? TypingUntil);

/// <summary>
/// Where each server leaves what its own screens show (viewers per conversation, members online) for the other
/// servers to read. Entries carry their server, and a server that goes away takes its entries with it.
/// </summary>
public interface IPresenceBoard
{
    /// <summary>This server's viewers of a conversation now (empty: none left here).</summary>
    void PutViewers(long conversationId, int inboxId, IReadOnlyList<PresenceEntry> entries);

    Task<IReadOnlyList<PresenceEntry>> OtherViewersAsync(long conversationId);

    /// <summary>The members with an open circuit on this server now.</summary>
    void PutOnline(IReadOnlyCollection<string> userIds);

    Task<IReadOnlyCollection<string>> OtherOnlineAsync();

    /// <summary>Raised when members online on other servers changed.</summary>
    event Action? OthersOnlineChanged;
}

/// <summary>One server: nobody else's screens to know of.</summary>
public sealed class ThisServerOnly : IPresenceBoard
{
    public event Action? OthersOnlineChanged
    {
        add { }
        remove { }
    }

    public void PutViewers(long conversationId, int inboxId, IReadOnlyList<PresenceEntry> entries)
    {
    }

    public Task<IReadOnlyList<PresenceEntry>> OtherViewersAsync(long conversationId) => Task.FromResult<IReadOnlyList<PresenceEntry>>([]);

    public void PutOnline(IReadOnlyCollection<string> userIds)
    {
    }

    public Task<IReadOnlyCollection<string>> OtherOnlineAsync() => Task.FromResult<IReadOnlyCollection<string>>([]);
}
