using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BizInbox.Web.Channels.WebChat;

/// <summary>
/// The customer's connection (anonymous by nature). A connection acts only for the visitor whose session
/// it started or resumed; every method that touches messages checks that first. Errors reach the client as
/// stable codes (e.g. <c>message_too_long</c>) that the widget translates.
/// </summary>
[AllowAnonymous]
public sealed class WebChatHub(WebChatService chat, WebChatRelay relay, WebChatLimits limits, WebChatFloodNotice floods) : Hub
{
    public const string Path = "/hubs/widget";

    private const string VisitorKey = "bizinbox:visitor";

    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
    {
        ["inbox.not_found"] = "inbox_not_found",
        ["session.invalid"] = "session_invalid",
        ["contact.name_required"] = "name_required",
        ["contact.name_too_long"] = "name_too_long",
        ["contact.email_invalid"] = "email_invalid",
        ["phone.country_code_missing"] = "phone_invalid",
        ["phone.country_code_unknown"] = "phone_invalid",
        ["phone.too_short"] = "phone_invalid",
        ["phone.too_long"] = "phone_invalid",
        ["phone.not_in_use"] = "phone_invalid",
        ["phone.not_a_number"] = "phone_invalid",
        ["message.empty"] = "message_empty",
        ["message.too_long"] = "message_too_long",
        ["message.rate_limited"] = "rate_limited",
        ["message.client_id_invalid"] = "message_invalid",
    };

    public Task<WebChatInboxInfo> GetInboxInfo(string inboxKey) => Guard(() => chat.InboxInfoAsync(inboxKey, Context.ConnectionAborted));

    public async Task<WebChatSession> StartSession(string inboxKey, string name, string? email, string? phone)
    {
        if (!limits.TryStartSession(Address, Context.ConnectionId))
        {
            await floods.RefusedAsync(inboxKey ?? string.Empty, Address, Context.ConnectionAborted);
            throw new HubException("rate_limited");
        }

        var (session, visitor) = await Guard(() => chat.StartAsync(inboxKey, name, email, phone, Context.ConnectionAborted));
        Context.Items[VisitorKey] = visitor;
        return session;
    }

    public async Task<WebChatSession> Resume(string token)
    {
        var (session, visitor) = await Guard(() => chat.ResumeAsync(token, Context.ConnectionAborted));
        Context.Items[VisitorKey] = visitor;
        if (await chat.ConversationIdAsync(visitor, Context.ConnectionAborted) is { } conversationId)
        {
            relay.Watch(Context.ConnectionId, conversationId, visitor.InboxId);
        }

        return session;
    }

    public async Task<IReadOnlyList<WebChatMessage>> GetMessages(long? afterId)
    {
        var visitor = Visitor();
        var messages = await Guard(() => chat.MessagesAsync(visitor, afterId, Context.ConnectionAborted));
        if (messages.LastOrDefault(m => m.Direction == "out" && m.Status == "sent") is { } newest)
        {
            await chat.AdvanceDeliveryAsync(visitor, newest.Id, DeliveryStatus.Delivered, Context.ConnectionAborted);
        }

        return messages;
    }

    /// <summary>The customer has the team's replies up to <paramref name="lastMessageId"/> on screen.</summary>
    public Task MarkSeen(long lastMessageId) =>
        chat.AdvanceDeliveryAsync(Visitor(), lastMessageId, DeliveryStatus.Read, Context.ConnectionAborted);

    public async Task<WebChatMessage> SendMessage(string clientMessageId, string text)
    {
        var visitor = Visitor();
        if (!limits.TrySendMessage(Address, Context.ConnectionId))
        {
            await floods.RefusedAsync(visitor.InboxId, Address, Context.ConnectionAborted);
            throw new HubException("rate_limited");
        }

        var (message, conversationId) = await Guard(() => chat.SendAsync(visitor, clientMessageId, text, Context.ConnectionAborted));
        relay.Watch(Context.ConnectionId, conversationId, visitor.InboxId);
        return message;
    }

    public void Typing(bool isTyping)
    {
        Visitor();
        if (limits.TryTyping(Context.ConnectionId, isTyping) && relay.ConversationOf(Context.ConnectionId) is { } watched)
        {
            chat.Typing(watched.ConversationId, watched.InboxId, isTyping);
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        relay.Unwatch(Context.ConnectionId);
        limits.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private string Address => Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private WebChatVisitor Visitor() =>
        Context.Items.TryGetValue(VisitorKey, out var value) && value is WebChatVisitor visitor
            ? visitor
            : throw new HubException("session_invalid");

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DomainException ex)
        {
            throw new HubException(Codes.GetValueOrDefault(ex.Code, "invalid"));
        }
    }
}
