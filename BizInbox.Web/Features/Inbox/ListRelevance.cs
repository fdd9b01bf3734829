using BizInbox.Web.Realtime;

namespace BizInbox.Web.Features.Inbox;

/// <summary>Decides in memory whether a change can alter what an open inbox list shows: its rows or its tab counts.</summary>
public static class ListRelevance
{
    /// <summary>
    /// False when the change cannot touch the list: it is in the conversation the agent has open (whose view marks the new
    /// entry read, and that read change reloads the list once), in another inbox than the filter's, or in a status the
    /// filter excludes both before and after. Counts cover every tab, so the assignee never rules a change out.
    /// </summary>
    public static bool Concerns(InboxChange change, ConversationFilter filter, long? openConversationId)
    {
        if (change.Kind is not (ChangeKind.MessageAdded or ChangeKind.ConversationChanged or ChangeKind.ConversationRewritten))
        {
            return true;
        }

        if (change.Kind != ChangeKind.ConversationRewritten && change.ConversationId == openConversationId)
        {
            return false;
        }

        if (filter.InboxId is { } inbox && change.InboxId != 0 && change.InboxId != inbox)
        {
            return false;
        }

        return filter.Status is not { } status || change.Status is not { } after || change.PreviousStatus is not { } before
               || after == status || before == status;
    }
}
