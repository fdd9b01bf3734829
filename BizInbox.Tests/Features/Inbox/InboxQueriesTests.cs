using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;

namespace BizInbox.Tests.Features.Inbox;

public abstract class InboxQueriesTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    private static readonly ConversationFilter AnyStatus = new(Status: null);

    [Fact]
    public async Task List_Tabs_ReturnExactlyTheirConversationsNewestFirst()
    {
        var s = await ScenarioAsync();

        (await IdsAsync(s.Olga, new(InboxTab.All))).ShouldBe([s.C3, s.C1, s.C6, s.C2]);
        (await IdsAsync(s.Olga, new(InboxTab.Mine))).ShouldBe([s.C1]);
        (await IdsAsync(s.Anna, new(InboxTab.Mine))).ShouldBe([s.C3]);
        (await IdsAsync(s.Olga, new(InboxTab.Unassigned))).ShouldBe([s.C6, s.C2]);
        (await IdsAsync(s.Anna, new(InboxTab.Unassigned))).ShouldBe([s.C6, s.C2]);

        (await IdsAsync(s.Olga, AnyStatus with { Tab = InboxTab.All })).ShouldBe([s.C3, s.C1, s.C6, s.C5, s.C4, s.C2]);
        (await IdsAsync(s.Olga, AnyStatus with { Tab = InboxTab.Mine })).ShouldBe([s.C1, s.C4]);
        (await IdsAsync(s.Olga, AnyStatus with { Tab = InboxTab.Unassigned })).ShouldBe([s.C6, s.C5, s.C2]);
    }

    [Fact]
    public async Task List_Filters_ByStatusInboxLabelAndPriority()
    {
        var s = await ScenarioAsync();

        (await IdsAsync(s.Olga, new(InboxTab.All, ConversationStatus.Resolved))).ShouldBe([s.C4]);
        (await IdsAsync(s.Olga, new(InboxTab.All, ConversationStatus.Pending))).ShouldBe([s.C5]);
        (await IdsAsync(s.Olga, new(InboxTab.All, ConversationStatus.Snoozed))).ShouldBeEmpty();
        (await IdsAsync(s.Olga, new(InboxTab.Mine, ConversationStatus.Resolved))).ShouldBe([s.C4]);

        (await IdsAsync(s.Olga, AnyStatus with { Tab = InboxTab.All, InboxId = s.Shop })).ShouldBe([s.C3, s.C5]);
        (await IdsAsync(s.Olga, new(InboxTab.All, InboxId: s.Main))).ShouldBe([s.C1, s.C6, s.C2]);

        (await IdsAsync(s.Olga, AnyStatus with { Tab = InboxTab.All, LabelId = s.Order })).ShouldBe([s.C3, s.C1]);
        (await IdsAsync(s.Olga, AnyStatus with { Tab = InboxTab.All, LabelId = s.Vip })).ShouldBe([s.C3]);

        (await IdsAsync(s.Olga, AnyStatus with { Tab = InboxTab.All, Priority = ConversationPriority.High })).ShouldBe([s.C1, s.C5]);
        (await IdsAsync(s.Olga, new(InboxTab.All, Priority: ConversationPriority.High))).ShouldBe([s.C1]);
        (await IdsAsync(s.Olga, new(InboxTab.All, Priority: ConversationPriority.None))).ShouldBe([s.C3, s.C6, s.C2]);

        // Filters combine with each other and with the tab.
        (await IdsAsync(s.Olga, AnyStatus with { Tab = InboxTab.Unassigned, Priority = ConversationPriority.High })).ShouldBe([s.C5]);
        (await IdsAsync(s.Anna, AnyStatus with { Tab = InboxTab.Mine, LabelId = s.Order, InboxId = s.Shop })).ShouldBe([s.C3]);
        (await IdsAsync(s.Olga, AnyStatus with { Tab = InboxTab.Mine, LabelId = s.Vip })).ShouldBeEmpty();
    }

    [Fact]
    public async Task List_LongestWaiting_SortsByWaitingSinceWithTheAnsweredLast()
    {
        var s = await ScenarioAsync();

        (await IdsAsync(s.Olga, new(InboxTab.All, Sort: InboxSort.LongestWaiting))).ShouldBe([s.C1, s.C2, s.C6, s.C3]);
        // C4 was resolved while its customer waited: resolving ends the wait (nobody owes that message a reply any more).
        (await IdsAsync(s.Olga, AnyStatus with { Tab = InboxTab.All, Sort = InboxSort.LongestWaiting })).ShouldBe([s.C1, s.C2, s.C5, s.C6, s.C4, s.C3]);
        (await IdsAsync(s.Olga, new(InboxTab.Unassigned, Sort: InboxSort.LongestWaiting))).ShouldBe([s.C2, s.C6]);
        // Resolved ones never wait: the list reads them newest first without looking for waiting ones.
        (await IdsAsync(s.Olga, new(InboxTab.All, ConversationStatus.Resolved, Sort: InboxSort.LongestWaiting))).ShouldBe([s.C4]);
    }

    [Fact]
    public async Task List_PagesThroughLimitAndHasMore()
    {
        var s = await ScenarioAsync();
        var all = AnyStatus with { Tab = InboxTab.All };

        var one = await Queries.ListAsync(s.Olga, all, 1);
        (Ids(one.Items.Select(i => i.Id)), one.HasMore).ShouldBe((Ids([s.C3]), true));
        var four = await Queries.ListAsync(s.Olga, all, 4);
        (Ids(four.Items.Select(i => i.Id)), four.HasMore).ShouldBe((Ids([s.C3, s.C1, s.C6, s.C5]), true));
        var five = await Queries.ListAsync(s.Olga, all, 5);
        (Ids(five.Items.Select(i => i.Id)), five.HasMore).ShouldBe((Ids([s.C3, s.C1, s.C6, s.C5, s.C4]), true));
        var six = await Queries.ListAsync(s.Olga, all, 6);
        (Ids(six.Items.Select(i => i.Id)), six.HasMore).ShouldBe((Ids([s.C3, s.C1, s.C6, s.C5, s.C4, s.C2]), false));
        var more = await Queries.ListAsync(s.Olga, all, InboxQueries.PageSize);
        (more.Items.Count, more.HasMore).ShouldBe((6, false));
        var waiting = await Queries.ListAsync(s.Olga, all with { Sort = InboxSort.LongestWaiting }, 5);
        (Ids(waiting.Items.Select(i => i.Id)), waiting.HasMore).ShouldBe((Ids([s.C1, s.C2, s.C5, s.C6, s.C4]), true));
    }

    [Fact]
    public async Task List_LoadMoreFromTheLastRow_ReadsTheSameRowsAsOneLongerRead()
    {
        var s = await ScenarioAsync();
        // Two more at the same instant: equal activity and equal waiting time, told apart by id.
        var ida = await NewConversationAsync("Ida");
        var jan = await NewConversationAsync("Jan");
        ConversationFilter[] filters =
        [
            AnyStatus with { Tab = InboxTab.All }, AnyStatus with { Tab = InboxTab.All, Sort = InboxSort.LongestWaiting },
            new(InboxTab.Unassigned, Sort: InboxSort.LongestWaiting), new(InboxTab.Unassigned), AnyStatus with { Tab = InboxTab.Mine },
            AnyStatus with { Tab = InboxTab.All, LabelId = s.Order, Sort = InboxSort.LongestWaiting },
            new(InboxTab.All, ConversationStatus.Resolved, Sort: InboxSort.LongestWaiting),
        ];

        foreach (var filter in filters)
        {
            var whole = await Queries.ListAsync(s.Olga, filter, InboxQueries.PageSize);
            foreach (var size in new[] { 1, 2, 3 })
            {
                var pages = new List<ConversationPage> { await Queries.ListAsync(s.Olga, filter, size) };
                while (pages[^1].HasMore)
                {
                    pages.Add(await Queries.ListAsync(s.Olga, filter, size, ListCursor.After(pages[^1].Items[^1])));
                    pages.Count.ShouldBeLessThan(20, $"{filter} by {size}");
                }

                var read = pages.SelectMany(p => p.Items).ToList();
                Ids(read.Select(i => i.Id)).ShouldBe(Ids(whole.Items.Select(i => i.Id)), $"{filter} by {size}");
                read.Select(Shown).ShouldBe(whole.Items.Select(Shown), $"{filter} by {size}");
                pages.Take(pages.Count - 1).ShouldAllBe(p => p.Items.Count == size);
            }
        }

        // The pair at the same instant sorts by id, newer first, in both orders.
        var waiting = (await IdsAsync(s.Olga, new(InboxTab.Unassigned, Sort: InboxSort.LongestWaiting)));
        waiting.IndexOf(jan).ShouldBe(waiting.IndexOf(ida) - 1);
        var newest = await IdsAsync(s.Olga, new(InboxTab.Unassigned));
        newest.Take(2).ShouldBe([jan, ida]);
    }

    [Fact]
    public async Task List_Rows_CarryWhatTheListShows()
    {
        var s = await ScenarioAsync();

        var rows = (await Queries.ListAsync(s.Olga, AnyStatus with { Tab = InboxTab.All }, 10)).Items.ToDictionary(i => i.Id);

        var c3 = rows[s.C3];
        (c3.ContactName, c3.Preview, c3.PreviewFromCustomer, c3.LastActivityAt, c3.WaitingSince).ShouldBe(
            ("Emil", "We are on it.", false, s.T8, null));
        (c3.Status, c3.Priority, c3.AssigneeName, c3.InboxName).ShouldBe((ConversationStatus.Open, ConversationPriority.None, "Anna Agent", "Shop chat"));
        c3.Labels.Select(l => l.Name).ShouldBe(["order", "vip"]);

        var c1 = rows[s.C1];
        (c1.ContactName, c1.Preview, c1.PreviewFromCustomer, c1.LastActivityAt, c1.WaitingSince).ShouldBe(
            ("Carl", "Hello? Still waiting", true, s.T7, s.T0));
        (c1.Status, c1.Priority, c1.AssigneeName, c1.InboxName).ShouldBe((ConversationStatus.Open, ConversationPriority.High, "Olga Owner", "Website chat"));
        c1.Labels.Select(l => (l.Id, l.Name, l.Color)).ShouldBe([(s.Order, "order", "#fb8c00")]);

        var c2 = rows[s.C2];
        (c2.AssigneeName, c2.Labels.Count, c2.Status).ShouldBe((null, 0, ConversationStatus.Open));
        rows[s.C4].Status.ShouldBe(ConversationStatus.Resolved);
        rows[s.C5].Status.ShouldBe(ConversationStatus.Pending);
    }

    [Fact]
    public async Task List_UnreadCount_CountsIncomingMessagesAfterTheViewersReadMarker()
    {
        var s = await ScenarioAsync();
        var all = AnyStatus with { Tab = InboxTab.All };

        var olga = (await Queries.ListAsync(s.Olga, all, 10)).Items.Select(i => (i.Id, i.UnreadCount));
        var anna = (await Queries.ListAsync(s.Anna, all, 10)).Items.Select(i => (i.Id, i.UnreadCount));

        // Olga read c1 up to the first of its two customer messages and c2 completely; Anna read c6.
        olga.ShouldBe([(s.C3, 1), (s.C1, 1), (s.C6, 1), (s.C5, 1), (s.C4, 1), (s.C2, 0)]);
        anna.ShouldBe([(s.C3, 1), (s.C1, 2), (s.C6, 0), (s.C5, 1), (s.C4, 1), (s.C2, 1)]);
    }

    [Fact]
    public async Task Counts_PerTabAndUnread_AreRightForEachViewer()
    {
        var s = await ScenarioAsync();

        (await Queries.CountsAsync(s.Olga, new())).ShouldBe(new InboxCounts(Mine: 1, Unassigned: 2, All: 4, MineUnread: 1, UnassignedUnread: 1, AllUnread: 3));
        (await Queries.CountsAsync(s.Anna, new())).ShouldBe(new InboxCounts(Mine: 1, Unassigned: 2, All: 4, MineUnread: 1, UnassignedUnread: 1, AllUnread: 3));
        (await Queries.CountsAsync(s.Olga, AnyStatus)).ShouldBe(new InboxCounts(Mine: 2, Unassigned: 3, All: 6, MineUnread: 2, UnassignedUnread: 2, AllUnread: 5));
        (await Queries.CountsAsync(s.Anna, AnyStatus)).ShouldBe(new InboxCounts(Mine: 1, Unassigned: 3, All: 6, MineUnread: 1, UnassignedUnread: 2, AllUnread: 5));

        // The tab of the filter does not matter; its other criteria do.
        (await Queries.CountsAsync(s.Olga, new(InboxTab.Unassigned))).ShouldBe(await Queries.CountsAsync(s.Olga, new(InboxTab.Mine)));
        (await Queries.CountsAsync(s.Olga, new(InboxId: s.Shop))).ShouldBe(new InboxCounts(0, 0, 1, 0, 0, 1));
        (await Queries.CountsAsync(s.Anna, AnyStatus with { LabelId = s.Order })).ShouldBe(new InboxCounts(1, 0, 2, 1, 0, 2));
        (await Queries.CountsAsync(s.Olga, new(Status: ConversationStatus.Snoozed))).ShouldBe(new InboxCounts(0, 0, 0, 0, 0, 0));
    }

    [Fact]
    public async Task Counts_AgreeWithTheRows_WhenTheReadMarkerIsBehindANewerCustomerMessage()
    {
        // The screen marks read what it shows; a customer message that arrived meanwhile stays unread.
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, first) = await CustomerWritesAsync(visitor, "One");
        Clock.Advance(TimeSpan.FromSeconds(30));
        await CustomerWritesAsync(visitor, "Two");
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Conversations.MarkReadAsync(As(owner), conversationId, first);

        var row = (await Queries.ListAsync(owner.Id, new(InboxTab.All), 10)).Items.ShouldHaveSingleItem();
        row.UnreadCount.ShouldBe(1);
        (await Queries.CountsAsync(owner.Id, new())).AllUnread.ShouldBe(1, "the tab badge must not call a conversation read whose row shows an unread message");
    }

    [Fact]
    public async Task List_RunsAFixedNumberOfSqlStatements_WhateverTheLimit()
    {
        var owner = await SetupOwnerAsync();
        var order = await AddLabelAsync("order");
        var vip = await AddLabelAsync("vip");
        for (var i = 0; i < 55; i++)
        {
            var conversationId = await NewConversationAsync($"Customer {i}", $"Question {i}");
            await Conversations.AddLabelAsync(As(owner), conversationId, order.Id);
            if (i % 2 == 0)
            {
                await Conversations.AddLabelAsync(As(owner), conversationId, vip.Id);
                await Conversations.AssignAsync(As(owner), conversationId, owner.Id);
                await Conversations.MarkReadAsync(As(owner), conversationId, await LatestMessageIdAsync(conversationId));
            }

            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        using var recorder = new SqlCommandRecorder(Database.ConnectionString);
        var filter = new ConversationFilter(InboxTab.All, Status: null);

        recorder.Start();
        var ten = await Queries.ListAsync(owner.Id, filter, 10);
        var forTen = recorder.Stop();
        recorder.Start();
        var fifty = await Queries.ListAsync(owner.Id, filter, 50);
        var forFifty = recorder.Stop();
        recorder.Start();
        var waiting = await Queries.ListAsync(owner.Id, filter with { Sort = InboxSort.LongestWaiting, LabelId = vip.Id }, 50);
        var forWaiting = recorder.Stop();

        (ten.Items.Count, fifty.Items.Count, waiting.Items.Count).ShouldBe((10, 50, 28));
        fifty.Items.ShouldAllBe(i => i.Labels.Count > 0);
        forTen.Count.ShouldBeGreaterThan(0, "the recorder saw no SQL at all");
        forFifty.Count.ShouldBe(forTen.Count, $"limit 50 ran:{Environment.NewLine}{string.Join(Environment.NewLine + "--" + Environment.NewLine, forFifty)}");
        // All 28 wait (read is not answered) and do not fill the page: a second walk looks for answered ones.
        waiting.Items.ShouldAllBe(i => i.WaitingSince != null);
        forWaiting.Count.ShouldBe(forTen.Count + 1);
        forTen.Count.ShouldBeLessThanOrEqualTo(4, string.Join(Environment.NewLine + "--" + Environment.NewLine, forTen));
    }

    [Fact]
    public async Task Rows_AreTheListsOwnRowsForTheViewer_OneOrSeveral_OrNothingOutsideTheTabAndFilter()
    {
        var s = await ScenarioAsync();
        ConversationFilter[] filters =
        [
            new(InboxTab.All), new(InboxTab.Mine), new(InboxTab.Unassigned), AnyStatus with { Tab = InboxTab.All },
            new(InboxTab.All, ConversationStatus.Pending), AnyStatus with { Tab = InboxTab.All, InboxId = s.Shop },
            AnyStatus with { Tab = InboxTab.All, LabelId = s.Vip }, new(InboxTab.All, Priority: ConversationPriority.High),
        ];

        foreach (var viewer in new[] { s.Olga, s.Anna })
        {
            foreach (var filter in filters)
            {
                var listed = (await Queries.ListAsync(viewer, filter, 10)).Items.ToDictionary(i => i.Id);
                long[] all = [s.C1, s.C2, s.C3, s.C4, s.C5, s.C6];
                foreach (var id in all)
                {
                    var row = await Queries.RowAsync(viewer, filter, id);
                    Shown(row).ShouldBe(Shown(listed.GetValueOrDefault(id)), $"{id} for {viewer} in {filter}");
                }

                // Read together, as a list catches up on several changes at once: the same rows.
                var together = await Queries.RowsAsync(viewer, filter, all);
                together.Keys.Order().ShouldBe(listed.Keys.Where(all.Contains).Order(), $"for {viewer} in {filter}");
                foreach (var id in all)
                {
                    Shown(together.GetValueOrDefault(id)).ShouldBe(Shown(listed.GetValueOrDefault(id)), $"{id} for {viewer} in {filter}, read together");
                }
            }
        }
    }

    private static object? Shown(ConversationListItem? row) =>
        row is null ? null : (row with { Labels = Array.Empty<BizInbox.Web.Features.Labels.LabelChip>() }, string.Join(",", row.Labels.Select(l => l.Name)));

    [Fact]
    public async Task InboxesAndLabels_AreListedByName()
    {
        await SetupOwnerAsync();
        await AddWebChatInboxAsync("Another chat");
        await AddLabelAsync("vip");
        await AddLabelAsync("order", "#FB8C00");

        (await Queries.InboxesAsync()).Select(i => i.Name).ShouldBe(["Another chat", "Website chat"]);
        (await Queries.LabelsAsync()).Select(l => (l.Name, l.Color)).ShouldBe([("order", "#fb8c00"), ("vip", "#1e88e5")]);
    }

    private async Task<List<long>> IdsAsync(string viewerId, ConversationFilter filter) =>
        (await Queries.ListAsync(viewerId, filter, InboxQueries.PageSize)).Items.Select(i => i.Id).ToList();

    /// <summary>
    /// Six conversations a minute apart (t0..t5) in two inboxes, answered, assigned, labelled and parked so that
    /// every tab, filter and sort has a distinct answer:
    /// <list type="bullet">
    /// <item>c1 main, Carl: waits since t0, wrote again at t7; Olga's; High; order. Olga read its first message.</item>
    /// <item>c2 main, Dora: waits since t1; unassigned. Olga read it.</item>
    /// <item>c3 shop, Emil: Anna answered at t8; Anna's; order, vip.</item>
    /// <item>c4 main, Fritz: waits since t3; Olga's; resolved.</item>
    /// <item>c5 shop, Gina: waits since t4; unassigned; High; pending.</item>
    /// <item>c6 main, Hugo: Olga answered at t6; unassigned. Anna read it.</item>
    /// </list>
    /// </summary>
    private async Task<Scenario> ScenarioAsync()
    {
        var owner = await SetupOwnerAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var main = await SetupInboxAsync();
        var shop = await AddWebChatInboxAsync("Shop chat");
        var order = await AddLabelAsync("order", "#FB8C00");
        var vip = await AddLabelAsync("vip");
        var (olga, asAnna) = (As(owner), As(anna));
        var minute = TimeSpan.FromMinutes(1);

        var t0 = Clock.GetUtcNow();
        var carl = await VisitorAsync("Carl");
        var (c1, c1First) = await CustomerWritesAsync(carl, "Hello, is my order ready?");
        await Conversations.MarkReadAsync(olga, c1, c1First);
        Clock.Advance(minute);
        var c2 = await NewConversationAsync("Dora");
        Clock.Advance(minute);
        var c3 = await NewConversationAsync("Emil", inbox: shop);
        Clock.Advance(minute);
        var c4 = await NewConversationAsync("Fritz");
        Clock.Advance(minute);
        var c5 = await NewConversationAsync("Gina", inbox: shop);
        Clock.Advance(minute);
        var c6 = await NewConversationAsync("Hugo");
        Clock.Advance(minute);
        await AgentRepliesAsync(owner, c6, "Thanks, Hugo.");
        Clock.Advance(minute);
        var t7 = Clock.GetUtcNow();
        await CustomerWritesAsync(carl, "Hello? Still waiting");
        Clock.Advance(minute);
        var t8 = Clock.GetUtcNow();
        await AgentRepliesAsync(anna, c3, "We are on it.");
        Clock.Advance(minute);

        // Changes that are no message do not move a conversation in the newest-first order.
        await Conversations.AssignAsync(olga, c1, owner.Id);
        await Conversations.AssignAsync(olga, c3, anna.Id);
        await Conversations.AssignAsync(olga, c4, owner.Id);
        await Conversations.SetPriorityAsync(olga, c1, ConversationPriority.High);
        await Conversations.SetPriorityAsync(asAnna, c5, ConversationPriority.High);
        await Conversations.AddLabelAsync(olga, c1, order.Id);
        await Conversations.AddLabelAsync(asAnna, c3, vip.Id);
        await Conversations.AddLabelAsync(asAnna, c3, order.Id);
        await Conversations.ResolveAsync(olga, c4);
        await Conversations.MarkPendingAsync(asAnna, c5);
        await Conversations.AddNoteAsync(olga, c2, "Dora called too", NewKey());
        await Conversations.MarkReadAsync(olga, c2, await LatestMessageIdAsync(c2));
        await Conversations.MarkReadAsync(asAnna, c6, await LatestMessageIdAsync(c6));

        return new Scenario(owner.Id, anna.Id, main.Id, shop.Id, order.Id, vip.Id, c1, c2, c3, c4, c5, c6, t0, t7, t8);
    }

    private sealed record Scenario(
        string Olga, string Anna, int Main, int Shop, int Order, int Vip,
        long C1, long C2, long C3, long C4, long C5, long C6, DateTimeOffset T0, DateTimeOffset T7, DateTimeOffset T8);

    private static string Ids(IEnumerable<long> ids) => string.Join(' ', ids);
}

public sealed class SqliteInboxQueriesTests() : InboxQueriesTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresInboxQueriesTests(PostgresServer postgres) : InboxQueriesTests(DatabaseProvider.Postgres, postgres);
