namespace BizInbox.Web.Realtime;

/// <summary>A screen's place in a conversation; typing is reported through it, disposing leaves.</summary>
public interface IPresenceHandle : IDisposable
{
    void Typing(bool typing);
}

/// <summary>Someone looking at a conversation, and whether they are typing.</summary>
public sealed record Viewer(string UserId, string Name, bool IsTyping);

/// <summary>
/// Who is viewing and typing in each conversation, kept in memory: it is ephemeral, and a restart rightly
/// forgets it. Screens join when they open a conversation and leave by disposing the handle. With several servers,
/// each one also puts its own viewers on the <see cref="IPresenceBoard"/>, where the others read them.
/// </summary>
public sealed class ConversationPresence(LiveSignals signals, TimeProvider clock, IPresenceBoard board)
{
    public ConversationPresence(LiveSignals signals, TimeProvider clock)
        : this(signals, clock, new ThisServerOnly())
    {
    }

    private static readonly TimeSpan TypingLasts = TimeSpan.FromSeconds(6);

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Dictionary<Guid, PresenceEntry>> _viewers = [];

    public IPresenceHandle Join(long conversationId, int inboxId, string userId, string name)
    {
        var handle = new Handle(this, conversationId, inboxId, Guid.NewGuid());
        lock (_gate)
        {
            if (!_viewers.TryGetValue(conversationId, out var entries))
            {
                _viewers[conversationId] = entries = [];
            }

            entries[handle.Key] = new PresenceEntry(userId, name, null);
            Share(handle, entries);
        }

        signals.PresenceChanged(conversationId, inboxId, userId, name);
        return handle;
    }

    /// <summary>Everyone viewing, on every server, one line per person (several tabs of one person count once).</summary>
    public async Task<IReadOnlyList<Viewer>> ViewersOfAsync(long conversationId)
    {
        List<PresenceEntry> here;
        lock (_gate)
        {
            here = _viewers.TryGetValue(conversationId, out var entries) ? [.. entries.Values] : [];
        }

        var now = clock.GetUtcNow();
        return here.Concat(await board.OtherViewersAsync(conversationId))
            .GroupBy(e => e.UserId)
            .Select(g => new Viewer(g.Key, g.First().Name, g.Any(e => e.TypingUntil > now)))
            .OrderBy(v => v.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    internal void SetTyping(Handle handle, bool typing)
    {
        string? userId = null, name = null;
        bool changed;
        lock (_gate)
        {
            if (!_viewers.TryGetValue(handle.ConversationId, out var entries) || !entries.TryGetValue(handle.Key, out var entry))
            {
                return;
            }

            var until = typing ? clock.GetUtcNow() + TypingLasts : (DateTimeOffset?)null;
            changed = (entry.TypingUntil is not null) != typing;
            entries[handle.Key] = entry with { TypingUntil = until };
            (userId, name) = (entry.UserId, entry.Name);
            Share(handle, entries);
        }

        if (changed)
        {
            signals.AgentTyping(handle.ConversationId, handle.InboxId, userId, name, typing);
        }
    }

    private void Leave(Handle handle)
    {
        string? userId = null, name = null;
        lock (_gate)
        {
            if (!_viewers.TryGetValue(handle.ConversationId, out var entries) || !entries.Remove(handle.Key, out var entry))
            {
                return;
            }

            (userId, name) = (entry.UserId, entry.Name);
            if (entries.Count == 0)
            {
                _viewers.Remove(handle.ConversationId);
            }

            Share(handle, entries);
        }

        signals.PresenceChanged(handle.ConversationId, handle.InboxId, userId, name);
    }

    // Under the lock, so that the board gets the states of one conversation in the order they happened.
    private void Share(Handle handle, Dictionary<Guid, PresenceEntry> entries) =>
        board.PutViewers(handle.ConversationId, handle.InboxId, [.. entries.Values]);

    internal sealed class Handle(ConversationPresence presence, long conversationId, int inboxId, Guid key) : IPresenceHandle
    {
        public long ConversationId { get; } = conversationId;

        public int InboxId { get; } = inboxId;

        public Guid Key { get; } = key;

        public void Typing(bool typing) => presence.SetTyping(this, typing);

        public void Dispose() => presence.Leave(this);
    }
}
