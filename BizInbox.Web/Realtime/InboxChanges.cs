using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data.Keeping;

namespace BizInbox.Web.Realtime;

/// <summary>A change and the topics it goes to.</summary>
public sealed record TopicChange(InboxChange Change, IReadOnlyList<string> Topics);

/// <summary>
/// Turns the domain events of one commit into the changes screens hear. A conversation's events of one commit make one
/// change (a reply that also reopened and assigned it is one change, so a list reloads once), carrying its place in the
/// lists before and after.
/// </summary>
public static class InboxChanges
{
    public static IReadOnlyList<TopicChange> From(IEnumerable<DomainEvent> events)
    {
        var changes = new List<TopicChange>();
        var all = events.ToList();
        foreach (var conversation in all.OfType<ConversationEvent>().GroupBy(e => e.ConversationId))
        {
            var change = Coalesce([.. conversation]);
            changes.Add(new TopicChange(change, ConversationTopics(change.ConversationId, change.InboxId)));
        }

        foreach (var domainEvent in all.Where(e => e is not ConversationEvent).Distinct())
        {
            var change = domainEvent switch
            {
                MessageUpdated e => new TopicChange(new InboxChange(ChangeKind.DeliveryChanged, e.ConversationId, 0), [Topics.Conversation(e.ConversationId)]),
                ConversationRead e => new TopicChange(new InboxChange(ChangeKind.ReadStateChanged, e.ConversationId, 0, e.UserId), [Topics.User(e.UserId)]),
                MemberMentioned e => new TopicChange(new InboxChange(ChangeKind.MentionReceived, e.ConversationId, 0, e.ByUserId, e.ByName), [Topics.User(e.UserId)]),
                ConversationRewritten e => new TopicChange(
                    new InboxChange(ChangeKind.ConversationRewritten, e.ConversationId, e.InboxId, e.Actor.UserId, e.Actor.Name),
                    ConversationTopics(e.ConversationId, e.InboxId)),
                ContactChanged e => new TopicChange(new InboxChange(ChangeKind.ContactChanged, 0, 0, e.Actor.UserId, e.Actor.Name), [Topics.Contact(e.ContactId)]),
                InboxCountsMoved e => new TopicChange(new InboxChange(ChangeKind.CountsMoved, 0, 0) { Counts = e.Counts, ResetCounts = e.Reset }, [Topics.Counts]),
                _ => null, // no screen shows it
            };
            if (change is not null)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    private static string[] ConversationTopics(long conversationId, int inboxId) =>
        [Topics.Conversation(conversationId), Topics.Inbox(inboxId), Topics.AllInboxes];

    private static InboxChange Coalesce(IReadOnlyList<ConversationEvent> events)
    {
        var first = events[0];
        var last = events[^1];
        var actor = events.LastOrDefault(e => e.Actor is not null)?.Actor;
        var message = events.Any(e => e is MessageReceived or MessageSent or NoteAdded or NoticeAdded);
        return new InboxChange(message ? ChangeKind.MessageAdded : ChangeKind.ConversationChanged, first.ConversationId, last.Place.InboxId, actor?.UserId, actor?.Name)
        {
            VisibleToCustomer = events.Any(e => e is MessageReceived or MessageSent),
            Incoming = events.Any(e => e is MessageReceived),
            AssigneeId = last.Place.AssigneeId,
            PreviousAssigneeId = first is ConversationAssigned assigned ? assigned.PreviousAssigneeId : first.Place.AssigneeId,
            Status = last.Place.Status,
            PreviousStatus = first switch
            {
                MessageReceived received => received.PreviousStatus,
                ConversationStatusChanged moved => moved.PreviousStatus,
                _ => first.Place.Status,
            },
        };
    }
}
