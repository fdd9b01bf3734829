namespace BizInbox.Web.Features.Inbox;

/// <summary>
/// An open list's page changed by one conversation read again, in memory: its row replaced and moved to its place in the
/// list's order, added, or taken out, as reading the page again would show it. Null when only reading the page again can
/// tell: a row left a list with more rows than its page (which one moves up, or are there still more?) or fell below
/// its page.
/// </summary>
public static class ListPatch
{
    /// <param name="row">The conversation's row now, or null when it is no longer in the list's tab and filter.</param>
    public static ConversationPage? Apply(ConversationPage page, long conversationId, ConversationListItem? row, InboxSort sort, int limit)
    {
        var items = page.Items.Where(i => i.Id != conversationId).ToList();
        var wasOnPage = items.Count != page.Items.Count;
        if (row is null)
        {
            // With more below, only a read tells whether the row that left was the last of them.
            return page.HasMore ? null : wasOnPage ? new ConversationPage(items, false) : page;
        }

        var at = items.FindIndex(other => Compare(row, other, sort) < 0);
        if (at < 0 && page.HasMore)
        {
            return wasOnPage ? null : page;
        }

        items.Insert(at < 0 ? items.Count : at, row);
        var hasMore = page.HasMore || items.Count > limit;
        return new ConversationPage(items.Count > limit ? items[..limit] : items, hasMore);
    }

    /// <summary>The list's order, as <see cref="InboxQueries.ListAsync"/> reads it: negative when <paramref name="a"/> comes first.</summary>
    public static int Compare(ConversationListItem a, ConversationListItem b, InboxSort sort)
    {
        if (sort == InboxSort.LongestWaiting)
        {
            return (a.WaitingSince, b.WaitingSince) switch
            {
                ({ } x, { } y) when x != y => x.CompareTo(y),
                (not null, null) => -1,
                (null, not null) => 1,
                _ => b.Id.CompareTo(a.Id),
            };
        }

        var byActivity = b.LastActivityAt.CompareTo(a.LastActivityAt);
        return byActivity != 0 ? byActivity : b.Id.CompareTo(a.Id);
    }
}
