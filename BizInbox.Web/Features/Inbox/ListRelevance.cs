using BizInbox.Web.Realtime;

namespace BizInbox.Web.Features.Inbox;

/// <summary>What an open list shows: its filter, whose list it is, the conversations of its rows and the one open beside it.</summary>
public sealed record ListView(ConversationFilter Filter, string ViewerId, IReadOnlySet<long> Rows, long? OpenConversationId);

/// <summary>Decides in memory whether a change can alter what an open inbox list shows: its rows or its tab counts.</summary>
public static class ListRelevance
{
    /// <summary>
    /// Whether the change can alter the list's rows, so that the list reads them again. A row on screen always can; a
    /// conversation off screen only when it now belongs to the list's tab, status and inbox and may have moved into the
    /// page: a message puts it on top (newest first) or starts or ends its wait, and a move between tabs or statuses can
    /// put it anywhere; a change of labels or priority leaves its place, unless the list filters by them. The agent's own
    /// read change only touches the row it names. The open conversation's changes wait for that read change, as in
    /// <see cref="Concerns"/>.
    /// </summary>
    public static bool TouchesRows(InboxChange change, ListView list)
    {
        var id = change.ConversationId;
        if (change.Kind == ChangeKind.ReadStateChanged)
        {
            return list.Rows.Contains(id) || id == list.OpenConversationId;
        }

        if (change.Kind is not (ChangeKind.MessageAdded or ChangeKind.ConversationChanged))
        {
            return true;
        }

        if (id == list.OpenConversationId)
        {
            return false;
        }

        if (list.Rows.Contains(id))
        {
            return true;
        }

        if (!BelongsTo(change, list))
        {
            return false;
        }

        var moved = change.Kind == ChangeKind.MessageAdded || change.Status != change.PreviousStatus || change.AssigneeId != change.PreviousAssigneeId;
        return moved || list.Filter is not { LabelId: null, Priority: null, CameViaAd: false };
    }

    private static bool BelongsTo(InboxChange change, ListView list) =>
        list.Filter.Tab switch
        {
            InboxTab.Mine => change.AssigneeId == list.ViewerId,
            InboxTab.Unassigned => change.AssigneeId is null,
            _ => true,
        }
        && (list.Filter.Status is not { } status || change.Status == status)
        && (list.Filter.InboxId is not { } inbox || change.InboxId == inbox);

    /// <summary>
    /// Whether the change can alter the list's rows or its tab counts, for a list whose counts are counted in the database
    /// (filters the <see cref="InboxCountBoard"/> does not cover). False when the change cannot touch the list: it is in the conversation the agent has open (whose view marks the new
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
