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
/// forgets it. Screens join when they open a conversation and leave by disposing the handle.
/// </summary>
public sealed class ConversationPresence(LiveSignals signals, TimeProvider clock)
{
    private static readonly TimeSpan TypingLasts = TimeSpan.FromSeconds(6);

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Dictionary<Guid, Entry>> _viewers = [];

    public IPresenceHandle Join(long conversationId, int inboxId, string userId, string name)
    {
        var handle = new Handle(this, conversationId, inboxId, Guid.NewGuid());
        lock (_gate)
        {
            if (!_viewers.TryGetValue(conversationId, out var entries))
            {
                _viewers[conversationId] = entries = [];
            }

            entries[handle.Key] = new Entry(userId, name, null);
        }

        signals.PresenceChanged(conversationId, inboxId, userId, name);
        return handle;
    }

    /// <summary>Everyone viewing, one line per person (several tabs of one person count once).</summary>
    public IReadOnlyList<Viewer> ViewersOf(long conversationId)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_viewers.TryGetValue(conversationId, out var entries))
            {
                return [];
            }

            return entries.Values
                .GroupBy(e => e.UserId)
                .Select(g => new Viewer(g.Key, g.First().Name, g.Any(e => e.TypingUntil > now)))
                .OrderBy(v => v.Name, StringComparer.CurrentCulture)
                .ToList();
        }
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
        }

        signals.PresenceChanged(handle.ConversationId, handle.InboxId, userId, name);
    }

    private sealed record Entry(string UserId, string Name, DateTimeOffset? TypingUntil);

    internal sealed class Handle(ConversationPresence presence, long conversationId, int inboxId, Guid key) : IPresenceHandle
    {
        public long ConversationId { get; } = conversationId;

        public int InboxId { get; } = inboxId;

        public Guid Key { get; } = key;

        public void Typing(bool typing) => presence.SetTyping(this, typing);

        public void Dispose() => presence.Leave(this);
    }
}
