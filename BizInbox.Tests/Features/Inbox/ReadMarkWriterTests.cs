using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Realtime;

namespace BizInbox.Tests.Features.Inbox;

/// <summary>The read markers of open conversations, written by their own writer (<see cref="ReadMarkWriter"/>).</summary>
public abstract class ReadMarkWriterTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    private ReadMarkWriter Writer => Database.Get<ReadMarkWriter>();

    [Fact]
    public async Task Marks_AreStoredOnTheWritersThread_TheNewestWins_AndEachCallerHearsWhenItsMarkIsStored()
    {
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, first) = await CustomerWritesAsync(visitor, "Hallo?");
        var (_, second) = await CustomerWritesAsync(visitor, "Noch da?");
        var (_, third) = await CustomerWritesAsync(visitor, "Hallo??");
        var read = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = Bus.Subscribe(Topics.User(owner.Id), change =>
        {
            if (change.Kind == ChangeKind.ReadStateChanged)
            {
                read.TrySetResult(Thread.CurrentThread.Name == "BizInbox read markers");
            }

            return Task.CompletedTask;
        });

        // Out of order and at once, as a screen's reloads may ask: the marker ends on the newest, never back.
        await AtOnceAsync(
            () => Writer.MarkAsync(As(owner), conversationId, second),
            () => Writer.MarkAsync(As(owner), conversationId, third),
            () => Writer.MarkAsync(As(owner), conversationId, first));

        (await ReadMarkerAsync(conversationId, owner.Id))!.LastReadMessageId.ShouldBe(third);
        (await Queries.ListAsync(owner.Id, new ConversationFilter(InboxTab.All), 10)).Items.Single(i => i.Id == conversationId).UnreadCount.ShouldBe(0);
        // The writer's change reaches the screens detached: not run on the writer's own thread.
        (await read.Task.WaitAsync(Patience)).ShouldBeFalse();
    }

    [Fact]
    public async Task AMemberWhoMayNotWorkInTheInbox_MarksNothing()
    {
        var owner = await SetupOwnerAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var (conversationId, question) = await CustomerWritesAsync(await VisitorAsync(), "Hallo?");
        await Team.DeactivateAsync(As(owner), anna.Id);

        await ShouldFailWithAsync("team.not_allowed", () => Writer.MarkAsync(As(anna), conversationId, question));

        (await ReadMarkerAsync(conversationId, anna.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task AMarkForAMessageOfAnotherConversation_StoresNothing_AndTheWriterGoesOn()
    {
        var owner = await SetupOwnerAsync();
        var (conversationId, question) = await CustomerWritesAsync(await VisitorAsync(), "Hallo?");
        var (otherId, otherQuestion) = await CustomerWritesAsync(await VisitorAsync("Bert Kunde"), "Guten Tag");

        await Writer.MarkAsync(As(owner), conversationId, otherQuestion);
        await Writer.MarkAsync(As(owner), otherId, otherQuestion);

        (await ReadMarkerAsync(conversationId, owner.Id)).ShouldBeNull();
        (await ReadMarkerAsync(otherId, owner.Id))!.LastReadMessageId.ShouldBe(otherQuestion);
        question.ShouldBeLessThan(otherQuestion);
    }
}

public sealed class SqliteReadMarkWriterTests() : ReadMarkWriterTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresReadMarkWriterTests(PostgresServer postgres) : ReadMarkWriterTests(DatabaseProvider.Postgres, postgres);
