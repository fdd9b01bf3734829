using System.Collections.Concurrent;
using BizInbox.Web.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace BizInbox.Web.Channels.WebChat;

/// <summary>
/// Carries changes of a visitor's conversation to their open connection: only what the customer may see
/// (new visible messages, an agent typing), never notes or internal changes.
/// </summary>
public sealed class WebChatRelay(IInboxEventBus bus, IHubContext<WebChatHub> hub)
{
    private readonly ConcurrentDictionary<string, Watched> _connections = new(StringComparer.Ordinal);

    public sealed record Watched(long ConversationId, int InboxId, IDisposable Subscription);

    public void Watch(string connectionId, long conversationId, int inboxId)
    {
        if (_connections.TryGetValue(connectionId, out var current) && current.ConversationId == conversationId)
        {
            return;
        }

        var subscription = bus.Subscribe(Topics.Conversation(conversationId), change => ForwardAsync(connectionId, change));
        var watched = new Watched(conversationId, inboxId, subscription);
        _connections.AddOrUpdate(connectionId, watched, (_, previous) =>
        {
            previous.Subscription.Dispose();
            return watched;
        });
    }

    public Watched? ConversationOf(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public void Unwatch(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var watched))
        {
            watched.Subscription.Dispose();
        }
    }

    private Task ForwardAsync(string connectionId, InboxChange change) => change.Kind switch
    {
        ChangeKind.MessageAdded or ChangeKind.ConversationChanged when change.VisibleToCustomer =>
            hub.Clients.Client(connectionId).SendAsync("MessagesChanged"),
        ChangeKind.AgentTyping => hub.Clients.Client(connectionId).SendAsync("AgentTyping", change.ActorName, change.Typing),
        _ => Task.CompletedTask,
    };
}
