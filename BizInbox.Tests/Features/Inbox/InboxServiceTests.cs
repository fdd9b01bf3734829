using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Identity;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using ChannelInbox = BizInbox.Domain.Channels.Inbox;

namespace BizInbox.Tests.Features.Inbox;

/// <summary>
/// Base of the inbox and web chat service tests: the app's inbox services on a fresh database, and the steps
/// most tests begin with (a customer writes through the web chat, an agent replies, a label exists).
/// </summary>
public abstract class InboxServiceTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    /// <summary>How long a test waits for something that should happen at once.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    protected WebChatService Chat => Database.Get<WebChatService>();

    protected ConversationService Conversations => Database.Get<ConversationService>();

    protected InboxQueries Queries => Database.Get<InboxQueries>();

    protected ThreadQueries Threads => Database.Get<ThreadQueries>();

    protected IInboxEventBus Bus => Database.Get<IInboxEventBus>();

    /// <summary>A fresh client message key, as the widget and the composer make them.</summary>
    protected static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>The web chat inbox that setup created.</summary>
    protected async Task<ChannelInbox> SetupInboxAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Inboxes.AsNoTracking().OrderBy(i => i.Id).FirstAsync();
    }

    /// <summary>Another enabled web chat inbox.</summary>
    protected async Task<ChannelInbox> AddWebChatInboxAsync(string name)
    {
        await using var db = Database.CreateDbContext();
        var inbox = ChannelInbox.Create(name, ChannelType.WebChat, Clock.GetUtcNow());
        db.Inboxes.Add(inbox);
        await db.SaveChangesAsync();
        return inbox;
    }

    /// <summary>A visitor who started a chat session in <paramref name="inbox"/> (default: the setup's inbox).</summary>
    protected async Task<WebChatVisitor> VisitorAsync(string name = "Carla Customer", ChannelInbox? inbox = null)
    {
        var key = (inbox ?? await SetupInboxAsync()).PublicKey;
        var (_, visitor) = await Chat.StartAsync(key, name, null, null);
        return visitor;
    }

    /// <summary>The visitor writes <paramref name="text"/>; returns the conversation and the stored message id.</summary>
    protected async Task<(long ConversationId, long MessageId)> CustomerWritesAsync(WebChatVisitor visitor, string text)
    {
        var (message, conversationId) = await Chat.SendAsync(visitor, NewKey(), text);
        return (conversationId, message.Id);
    }

    /// <summary>A new visitor in <paramref name="inbox"/> writes <paramref name="text"/>; returns the new conversation's id.</summary>
    protected async Task<long> NewConversationAsync(string contactName, string text = "Hello, is my order ready?", ChannelInbox? inbox = null)
    {
        var visitor = await VisitorAsync(contactName, inbox);
        return (await CustomerWritesAsync(visitor, text)).ConversationId;
    }

    /// <summary>The agent replies, having seen everything; returns the reply's id.</summary>
    protected async Task<long> AgentRepliesAsync(AppUser agent, long conversationId, string text)
    {
        var outcome = await Conversations.ReplyAsync(As(agent), conversationId, text, NewKey(), await LatestMessageIdAsync(conversationId), sendAnyway: false);
        outcome.Sent.ShouldBeTrue();
        return outcome.MessageId!.Value;
    }

    protected async Task<long> LatestMessageIdAsync(long conversationId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Messages.Where(m => m.ConversationId == conversationId).MaxAsync(m => (long?)m.Id) ?? 0;
    }

    /// <summary>Every stored entry of the conversation, oldest first.</summary>
    protected async Task<List<Message>> TimelineAsync(long conversationId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Id).ToListAsync();
    }

    protected async Task<Conversation> ConversationAsync(long conversationId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Conversations.AsNoTracking().Include(c => c.Labels).SingleAsync(c => c.Id == conversationId);
    }

    protected async Task<List<Conversation>> ConversationsOfAsync(WebChatVisitor visitor)
    {
        await using var db = Database.CreateDbContext();
        return await db.Conversations.AsNoTracking().Where(c => c.ContactId == visitor.ContactId).OrderBy(c => c.Id).ToListAsync();
    }

    protected async Task<ReadMarker?> ReadMarkerAsync(long conversationId, string userId)
    {
        await using var db = Database.CreateDbContext();
        return await db.ReadMarkers.AsNoTracking().SingleOrDefaultAsync(r => r.ConversationId == conversationId && r.UserId == userId);
    }

    /// <summary>The activity entries of the conversation as (kind, actor name, target), oldest first.</summary>
    protected async Task<List<(ActivityKind Kind, string? Actor, string? Target)>> ActivitiesAsync(long conversationId) =>
        (await TimelineAsync(conversationId)).Where(m => m.Kind == MessageKind.Activity)
            .Select(m => (m.Activity, m.SenderName, m.ActivityTarget)).ToList();

    /// <summary>Runs the calls on the thread pool, released together, and waits for all of them (a race).</summary>
    protected static async Task<T[]> AtOnceAsync<T>(params Func<Task<T>>[] calls)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = calls.Select(call => Task.Run(async () =>
        {
            await go.Task;
            return await call();
        })).ToList();
        go.SetResult();
        return await Within(Task.WhenAll(running));
    }

    /// <inheritdoc cref="AtOnceAsync{T}(Func{Task{T}}[])"/>
    protected static Task AtOnceAsync(params Func<Task>[] calls) =>
        AtOnceAsync(calls.Select(call => (Func<Task<bool>>)(async () =>
        {
            await call();
            return true;
        })).ToArray());

    /// <summary>Waits for <paramref name="task"/>; fails the test instead of hanging when it does not finish in time.</summary>
    protected static async Task<T> Within<T>(Task<T> task)
    {
        try
        {
            return await task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new ShouldAssertException($"Nothing happened within {Patience.TotalSeconds:F0} seconds.");
        }
    }
}
