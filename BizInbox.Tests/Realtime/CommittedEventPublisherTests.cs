using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Features.Inbox;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Realtime;

/// <summary>What the aggregates record is heard only once it is committed, once per conversation and commit.</summary>
public sealed class CommittedEventPublisherTests() : InboxServiceTests(DatabaseProvider.Sqlite, null)
{
    [Fact]
    public async Task InATransaction_ChangesAreHeardAfterTheCommit_AndARollbackIsNeverHeard()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Carla Customer");
        var me = new TeamMember(owner.Id, owner.DisplayName);
        var heard = new ChangeRecorder();
        using var subscription = Bus.Subscribe(Topics.Conversation(conversationId), heard.Handle);

        await using (var db = Database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
            db.Messages.AddRange(conversation.MarkPending(me, Database.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using (var db = Database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
            db.Messages.AddRange(conversation.Assign(me, me, null, Database.Clock.GetUtcNow()));
            db.Messages.AddRange(conversation.Resolve(me, Database.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
            await FencedAsync(heard, conversationId);
            heard.Changes.ShouldBeEmpty("nothing may be heard before the commit");

            await transaction.CommitAsync();
        }

        await FencedAsync(heard, conversationId);
        heard.Changes.ShouldBe([new InboxChange(ChangeKind.ConversationChanged, conversationId, heard.Changes[0].InboxId, owner.Id, owner.DisplayName)
        {
            AssigneeId = owner.Id, PreviousAssigneeId = null, Status = ConversationStatus.Resolved, PreviousStatus = ConversationStatus.Open,
        }]);
    }

    [Fact]
    public async Task AFailedSave_ForgetsWhatItRecorded()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Carla Customer");
        var me = new TeamMember(owner.Id, owner.DisplayName);
        var key = NewKey();
        await Conversations.AddNoteAsync(As(owner), conversationId, "First", key);
        var heard = new ChangeRecorder();
        using var subscription = Bus.Subscribe(Topics.Conversation(conversationId), heard.Handle);

        await using (var db = Database.CreateDbContext())
        {
            var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
            db.Messages.Add(conversation.AddNote(me, "Same key again", key, Database.Clock.GetUtcNow()));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Entries<Message>().Single(e => e.State == EntityState.Added).State = EntityState.Detached;
            // The next save of the same unit of work (a read marker: heard on the reader's topic only) must not carry it along.
            db.ReadMarkers.Add(ReadMarker.Create(conversationId, owner.Id, await LatestMessageIdAsync(conversationId), Database.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await FencedAsync(heard, conversationId);
        heard.Changes.ShouldBeEmpty();
    }

    private async Task FencedAsync(ChangeRecorder heard, long conversationId)
    {
        var fence = ChangeRecorder.Fence(heard.Received.Count);
        Bus.Publish(fence, Topics.Conversation(conversationId));
        await heard.HeardAsync(fence);
    }
}
