using System.Security.Claims;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Realtime;

/// <summary>
/// A circuit's door to the event bus: checks, when subscribing, that the user is an active team member and
/// that a user topic is their own.
/// </summary>
public sealed class LiveUpdates(IInboxEventBus bus, TeamDirectory team)
{
    public async Task<IDisposable> WatchInboxesAsync(ClaimsPrincipal user, Func<InboxChange, Task> handler)
    {
        await team.RequireMemberAsync(user);
        return bus.Subscribe(Topics.AllInboxes, handler);
    }

    public async Task<IDisposable> WatchConversationAsync(ClaimsPrincipal user, long conversationId, Func<InboxChange, Task> handler)
    {
        await team.RequireMemberAsync(user);
        return bus.Subscribe(Topics.Conversation(conversationId), handler);
    }

    public async Task<IDisposable> WatchMyselfAsync(ClaimsPrincipal user, Func<InboxChange, Task> handler)
    {
        var me = await team.RequireMemberAsync(user);
        return bus.Subscribe(Topics.User(me.UserId), handler);
    }
}
