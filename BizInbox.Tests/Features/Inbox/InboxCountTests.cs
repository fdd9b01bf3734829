using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Data.Keeping;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;
using BizInbox.Web.Realtime;
using BizInbox.Tests.Realtime.Servers;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Features.Inbox;

/// <summary>The kept tab counts equal a full count, whatever agents and customers did, and drift is repaired.</summary>
public abstract class InboxCountTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    private InboxCountReconciliation Reconciliation => Database.Get<InboxCountReconciliation>();

    private InboxCountBoard Board => Database.Get<InboxCountBoard>();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AfterARandomWorkload_TheKeptCountsEqualAFullCount_ForEveryAgentAndFilter(int seed)
    {
        var (team, conversations) = await RandomWorkloadAsync(seed, steps: 150);

        (await Reconciliation.RepairAsync()).ShouldBe(0, "every kept count equals the full count");
        await ShouldMatchAFullCountAsync(team, conversations);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task AfterARandomWorkload_TheBoardInMemoryEqualsAFullCount_FromThePublishedRowsAlone(int seed)
    {
        Board.RefreshInterval = TimeSpan.MaxValue;
        var (team, conversations) = await RandomWorkloadAsync(seed, steps: 150, beforeSteps: async team =>
        {
            foreach (var viewer in team)
            {
                await Board.CountsAsync(viewer.Id, new ConversationFilter());
            }
        });

        await ShouldMatchAFullCountAsync(team, conversations, Board.CountsAsync);
        Board.Refreshes.ShouldBe(0, "every count followed from the rows each commit published, none was read again");
    }

    [Fact]
    public async Task TheBoard_TakesARowOnlyWhenItIsNewerThanTheOneItHolds()
    {
        var (team, _) = await RandomWorkloadAsync(seed: 8, steps: 20);
        var viewer = team[0].Id;
        var truth = await Queries.CountFullyAsync(viewer, new ConversationFilter(Status: null));
        (await Board.CountsAsync(viewer, new ConversationFilter(Status: null))).ShouldBe(truth);
        KeptCount conversationsRow, unreadRow;
        await using (var db = Database.CreateDbContext())
        {
            var nobodys = await db.InboxCounts.Where(c => c.UserId == InboxCount.Nobody && c.Count > 0)
                .Select(c => new KeptCount(c.Kind, c.UserId, c.Status, c.InboxId, c.AssigneeId, c.Count, c.Version)).ToListAsync();
            conversationsRow = nobodys.First(c => c.Kind == InboxCountKind.Conversations);
            unreadRow = nobodys.First(c => c.Kind == InboxCountKind.WithCustomerMessages);
        }

        // A row of the version held is old news; the newer row published after it shows that the board has heard both.
        var bus = Database.Get<IInboxEventBus>();
        bus.Publish(new InboxChange(ChangeKind.CountsMoved, 0, 0) { Counts = [conversationsRow with { Count = conversationsRow.Count + 100 }] }, Topics.Counts);
        bus.Publish(new InboxChange(ChangeKind.CountsMoved, 0, 0) { Counts = [unreadRow with { Count = unreadRow.Count + 7, Version = unreadRow.Version + 1 }] }, Topics.Counts);
        var counts = await Eventually.ValueAsync(() => Board.CountsAsync(viewer, new ConversationFilter(Status: null)), c => c.AllUnread == truth.AllUnread + 7, "the newer row to be taken");
        counts.All.ShouldBe(truth.All, "the row of the version held was not taken");

        bus.Publish(new InboxChange(ChangeKind.CountsMoved, 0, 0) { Counts = [conversationsRow with { Count = conversationsRow.Count + 100, Version = conversationsRow.Version + 1 }] }, Topics.Counts);
        await Eventually.ValueAsync(() => Board.CountsAsync(viewer, new ConversationFilter(Status: null)), c => c.All == truth.All + 100, "a newer row of the same count to be taken");
    }

    [Fact]
    public async Task AfterARepair_TheBoardReadsTheCountsAgain()
    {
        var (team, conversations) = await RandomWorkloadAsync(seed: 9, steps: 60);
        foreach (var viewer in team)
        {
            await Board.CountsAsync(viewer.Id, new ConversationFilter());
        }

        await using (var db = Database.CreateDbContext())
        {
            await db.InboxCounts.ExecuteDeleteAsync();
        }

        (await Reconciliation.RepairAsync()).ShouldBeGreaterThan(0);
        await Eventually.ValueAsync(() => Task.FromResult(Board.Refreshes), r => r > 0, "the board to read the repaired counts");
        await ShouldMatchAFullCountAsync(team, conversations, Board.CountsAsync);
    }

    [Fact]
    public async Task Reconciliation_RepairsCountsThatDrifted_AndLeavesCorrectOnesAlone()
    {
        var (team, conversations) = await RandomWorkloadAsync(seed: 7, steps: 60);
        await using (var db = Database.CreateDbContext())
        {
            await db.InboxCounts.Where(c => c.Kind == InboxCountKind.Conversations).ExecuteUpdateAsync(u => u.SetProperty(c => c.Count, c => c.Count + 5));
            await db.InboxCounts.Where(c => c.Kind == InboxCountKind.CaughtUp).ExecuteDeleteAsync();
        }

        (await Queries.CountsAsync(team[0].Id, new ConversationFilter(Status: null))).ShouldNotBe(await Queries.CountFullyAsync(team[0].Id, new ConversationFilter(Status: null)));

        (await Reconciliation.RepairAsync()).ShouldBeGreaterThan(0);
        await ShouldMatchAFullCountAsync(team, conversations);
        (await Reconciliation.RepairAsync()).ShouldBe(0);
    }

    private Task ShouldMatchAFullCountAsync(IReadOnlyList<AppUser> team, IReadOnlyList<long> conversations) =>
        ShouldMatchAFullCountAsync(team, conversations, (viewer, filter, ct) => Queries.CountsAsync(viewer, filter, ct));

    private async Task ShouldMatchAFullCountAsync(
        IReadOnlyList<AppUser> team, IReadOnlyList<long> conversations, Func<string, ConversationFilter, CancellationToken, Task<InboxCounts>> counts)
    {
        var inboxIds = await InboxIdsAsync(conversations);
        ConversationStatus?[] statuses = [null, ConversationStatus.Open, ConversationStatus.Pending, ConversationStatus.Snoozed, ConversationStatus.Resolved];
        foreach (var viewer in team)
        {
            foreach (var status in statuses)
            {
                foreach (var inboxId in inboxIds.Cast<int?>().Append(null))
                {
                    var filter = new ConversationFilter(Status: status, InboxId: inboxId);
                    (await counts(viewer.Id, filter, CancellationToken.None)).ShouldBe(
                        await Queries.CountFullyAsync(viewer.Id, filter), $"{viewer.DisplayName}, {status?.ToString() ?? "any status"}, inbox {inboxId?.ToString() ?? "any"}");
                }
            }
        }
    }

    /// <summary>Customers write, agents reply, read, assign, resolve, reopen, snooze and mark pending, in a random order.</summary>
    private async Task<(IReadOnlyList<AppUser> Team, IReadOnlyList<long> Conversations)> RandomWorkloadAsync(
        int seed, int steps, Func<IReadOnlyList<AppUser>, Task>? beforeSteps = null)
    {
        var owner = await SetupOwnerAsync();
        AppUser[] team = [owner, await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent"), await AddMemberAsync(owner, TeamRole.Agent, "bert@example.com", "Bert Agent")];
        if (beforeSteps is not null)
        {
            await beforeSteps(team);
        }

        var second = await AddWebChatInboxAsync("Shop");
        var visitors = new List<BizInbox.Web.Channels.WebChat.WebChatVisitor>();
        for (var i = 0; i < 8; i++)
        {
            visitors.Add(await VisitorAsync($"Customer {i}", i % 2 == 0 ? null : second));
        }

        var random = new Random(seed);
        var conversations = new List<long>();
        for (var step = 0; step < steps; step++)
        {
            Clock.Advance(TimeSpan.FromSeconds(random.Next(1, 120)));
            var agent = team[random.Next(team.Length)];
            var action = conversations.Count == 0 ? 0 : random.Next(9);
            var id = conversations.Count == 0 ? 0 : conversations[random.Next(conversations.Count)];
            try
            {
                switch (action)
                {
                    case 0 or 1:
                        var (conversationId, _) = await CustomerWritesAsync(visitors[random.Next(visitors.Count)], $"Question {step}");
                        if (!conversations.Contains(conversationId))
                        {
                            conversations.Add(conversationId);
                        }

                        break;
                    case 2:
                        await AgentRepliesAsync(agent, id, $"Answer {step}");
                        break;
                    case 3 or 4:
                        await Conversations.MarkReadAsync(As(agent), id, await LatestMessageIdAsync(id));
                        break;
                    case 5:
                        await Conversations.AssignAsync(As(agent), id, random.Next(4) == 0 ? null : team[random.Next(team.Length)].Id);
                        break;
                    case 6:
                        await Conversations.ResolveAsync(As(agent), id);
                        break;
                    case 7:
                        await Conversations.ReopenAsync(As(agent), id);
                        break;
                    default:
                        await (random.Next(2) == 0 ? Conversations.SnoozeAsync(As(agent), id, null) : Conversations.MarkPendingAsync(As(agent), id));
                        break;
                }
            }
            catch (DomainException)
            {
                // A step the rules refuse (snoozing a resolved conversation, a customer writing too fast) changes nothing.
            }
        }

        conversations.Count.ShouldBeGreaterThan(3);
        return (team, conversations);
    }

    private async Task<List<int>> InboxIdsAsync(IReadOnlyList<long> conversations)
    {
        await using var db = Database.CreateDbContext();
        return await db.Conversations.Where(c => conversations.Contains(c.Id)).Select(c => c.InboxId).Distinct().ToListAsync();
    }
}

public sealed class SqliteInboxCountTests() : InboxCountTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresInboxCountTests(PostgresServer postgres) : InboxCountTests(DatabaseProvider.Postgres, postgres);
