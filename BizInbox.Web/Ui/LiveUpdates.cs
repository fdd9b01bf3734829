using System.Globalization;
using BizInbox.Web.Identity;
using BizInbox.Web.Realtime;

namespace BizInbox.Web.Ui;

/// <summary>
/// A circuit's door to the event bus: checks, when subscribing, that the member is an active team member and
/// that a user topic is their own. Handlers run in the subscribing circuit's language and formats.
/// </summary>
public sealed class LiveUpdates(IInboxEventBus bus)
{
    public async Task<IDisposable> WatchInboxesAsync(CurrentMember member, Func<InboxChange, Task> handler)
    {
        await member.RequireAsync(TeamRight.WorkInInbox);
        return bus.Subscribe(Topics.AllInboxes, InSubscribersCulture(handler));
    }

    /// <summary>A list that folds what it hears (see <see cref="IInboxEventBus.Subscribe(string, Func{InboxChange, bool}, Func{Task})"/>).</summary>
    public async Task<IDisposable> WatchInboxesAsync(CurrentMember member, Func<InboxChange, bool> note, Func<Task> settle)
    {
        await member.RequireAsync(TeamRight.WorkInInbox);
        return bus.Subscribe(Topics.AllInboxes, note, InSubscribersCulture(settle));
    }

    public async Task<IDisposable> WatchConversationAsync(CurrentMember member, long conversationId, Func<InboxChange, Task> handler)
    {
        await member.RequireAsync(TeamRight.WorkInInbox);
        return bus.Subscribe(Topics.Conversation(conversationId), InSubscribersCulture(handler));
    }

    /// <summary>Changes to a contact's labels, block or consent, wherever the contact is shown.</summary>
    public async Task<IDisposable> WatchContactAsync(CurrentMember member, Guid contactId, Func<InboxChange, Task> handler)
    {
        await member.RequireAsync(TeamRight.WorkInInbox);
        return bus.Subscribe(Topics.Contact(contactId), InSubscribersCulture(handler));
    }

    public async Task<IDisposable> WatchMyselfAsync(CurrentMember member, Func<InboxChange, Task> handler)
    {
        var me = await member.RequireAsync(TeamRight.WorkInInbox);
        return bus.Subscribe(Topics.User(me.Id), InSubscribersCulture(change => IsAboutAccess(change) ? Task.CompletedTask : handler(change)));
    }

    public async Task<IDisposable> WatchMyselfAsync(CurrentMember member, Func<InboxChange, bool> note, Func<Task> settle)
    {
        var me = await member.RequireAsync(TeamRight.WorkInInbox);
        return bus.Subscribe(Topics.User(me.Id), change => !IsAboutAccess(change) && note(change), InSubscribersCulture(settle));
    }

    // Ended sessions and a changed role or access are for the circuit's authentication state, which re-checks the member;
    // a screen that reloaded on them would act as a member who may be gone, and its refusal would end the circuit before
    // the page is sent to sign-in.
    private static bool IsAboutAccess(InboxChange change) => change.Kind is ChangeKind.SessionsEnded or ChangeKind.MemberChanged;

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

    private static Func<Task> InSubscribersCulture(Func<Task> settle)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        return async () =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            await settle();
        };
    }
}
