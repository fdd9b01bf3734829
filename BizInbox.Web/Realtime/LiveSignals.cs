namespace BizInbox.Web.Realtime;

/// <summary>
/// Signals that are sent as they happen rather than after a commit: typing and presence (never stored), a member's
/// sessions ended or their role or access changed, and the team's two-factor requirement (they make open circuits check
/// the user again). Everything else that screens hear is published from the committed domain events (<see cref="CommittedEventPublisher"/>).
/// </summary>
public sealed class LiveSignals(IInboxEventBus bus)
{
    public void CustomerTyping(long conversationId, int inboxId, bool typing) =>
        bus.Publish(new InboxChange(ChangeKind.CustomerTyping, conversationId, inboxId) { Typing = typing }, Topics.Conversation(conversationId));

    public void AgentTyping(long conversationId, int inboxId, string? userId, string? name, bool typing) =>
        bus.Publish(new InboxChange(ChangeKind.AgentTyping, conversationId, inboxId, userId, name) { Typing = typing }, Topics.Conversation(conversationId));

    public void PresenceChanged(long conversationId, int inboxId, string? userId, string? name) =>
        bus.Publish(new InboxChange(ChangeKind.PresenceChanged, conversationId, inboxId, userId, name), Topics.Conversation(conversationId));

    public void SessionsEnded(string userId) =>
        bus.Publish(new InboxChange(ChangeKind.SessionsEnded, 0, 0, userId), Topics.User(userId));

    public void MemberChanged(string userId) =>
        bus.Publish(new InboxChange(ChangeKind.MemberChanged, 0, 0, userId), Topics.User(userId));

    public void TwoFactorRequirementChanged(bool required) =>
        bus.Publish(new InboxChange(ChangeKind.TwoFactorRequirementChanged, 0, 0) { TwoFactorRequired = required }, Topics.Team);
}
