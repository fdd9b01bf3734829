using System.Globalization;
using System.Security.Claims;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;
using BizInbox.Web.Realtime;

namespace BizInbox.Web.Features;

/// <summary>
/// A circuit's door to the event bus: checks, when subscribing, that the user is an active team member and
/// that a user topic is their own. Handlers run in the subscribing circuit's language and formats.
/// </summary>
public sealed class LiveUpdates(IInboxEventBus bus, TeamDirectory team)
{
    public async Task<IDisposable> WatchInboxesAsync(ClaimsPrincipal user, Func<InboxChange, Task> handler)
    {
        await team.RequireMemberAsync(user);
        return bus.Subscribe(Topics.AllInboxes, InSubscribersCulture(handler));
    }

    public async Task<IDisposable> WatchConversationAsync(ClaimsPrincipal user, long conversationId, Func<InboxChange, Task> handler)
    {
        await team.RequireMemberAsync(user);
        return bus.Subscribe(Topics.Conversation(conversationId), InSubscribersCulture(handler));
    }

    /// <summary>Changes to a contact's labels, block or consent, wherever the contact is shown.</summary>
    public async Task<IDisposable> WatchContactAsync(ClaimsPrincipal user, Guid contactId, Func<InboxChange, Task> handler)
    {
        await team.RequireMemberAsync(user);
        return bus.Subscribe(Topics.Contact(contactId), InSubscribersCulture(handler));
    }

    public async Task<IDisposable> WatchMyselfAsync(ClaimsPrincipal user, Func<InboxChange, Task> handler)
    {
        var me = await team.RequireMemberAsync(user);
        return bus.Subscribe(Topics.User(me.UserId), InSubscribersCulture(handler));
    }

    // The bus calls handlers on the publisher's ExecutionContext, and InvokeAsync carries that context into the
    // circuit: without this, a German customer's message would re-render an English agent's screen in German.
    // Culture lives in an AsyncLocal, so setting it here is undone when this async lambda returns.
    private static Func<InboxChange, Task> InSubscribersCulture(Func<InboxChange, Task> handler)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        return async change =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            await handler(change);
        };
    }
}
