using System.Globalization;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Realtime;

/// <summary>
/// A circuit's door to the event bus: checks, when subscribing, that the user is an active team member and
/// that a user topic is their own. Handlers run in the subscribing circuit's language and formats.
/// </summary>
public sealed class LiveUpdates(IInboxEventBus bus)
{
    public async Task<IDisposable> WatchInboxesAsync(CurrentMember user, Func<InboxChange, Task> handler)
    {
        await user.RequireAsync(TeamRight.WorkInInbox);
        return bus.Subscribe(Topics.AllInboxes, InSubscribersCulture(handler));
    }

    public async Task<IDisposable> WatchConversationAsync(CurrentMember user, long conversationId, Func<InboxChange, Task> handler)
    {
        await user.RequireAsync(TeamRight.WorkInInbox);
        return bus.Subscribe(Topics.Conversation(conversationId), InSubscribersCulture(handler));
    }

    /// <summary>Changes to a contact's labels, block or consent, wherever the contact is shown.</summary>
    public async Task<IDisposable> WatchContactAsync(CurrentMember user, Guid contactId, Func<InboxChange, Task> handler)
    {
        await user.RequireAsync(TeamRight.WorkInInbox);
        return bus.Subscribe(Topics.Contact(contactId), InSubscribersCulture(handler));
    }

    public async Task<IDisposable> WatchMyselfAsync(CurrentMember user, Func<InboxChange, Task> handler)
    {
        var me = (await user.RequireAsync(TeamRight.WorkInInbox)).AsTeamMember();
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
