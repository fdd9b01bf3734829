using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Web.Channels;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Inbox;

/// <summary>An @mention waiting to be seen.</summary>
public sealed record MentionItem(long Id, long ConversationId, string ByName, string Excerpt, DateTimeOffset CreatedAt);

/// <summary>What happened to a reply: sent (or already sent, for a retry), or held back because a teammate replied meanwhile.</summary>
public sealed record ReplyOutcome(long? MessageId, string? CollidingAgentName, DateTimeOffset? CollidingAt)
{
    public bool Sent => MessageId is not null;
}

/// <summary>
/// The agent's verbs on a conversation. Each loads the conversation, lets the domain apply the rule and stores
/// the conversation with the timeline entries it produced in one transaction; what the conversation recorded reaches
/// open screens once it is committed (<see cref="CommittedEventPublisher"/>).
/// </summary>
public sealed partial class ConversationService(
    IDbContextFactory<BizInboxDbContext> contexts,
    TeamDirectory team,
    TimeProvider clock,
    BizInbox.Web.Channels.Media.MediaStore media,
    BizInbox.Web.Channels.Outbox.ChannelJobSignal outbox,
    ConversationChannels channels,
    ILogger<ConversationService> logger)
{
    /// <summary>
    /// Sends a reply once per <paramref name="clientMessageId"/>. Unless <paramref name="sendAnyway"/>, a reply
    /// from another agent after <paramref name="seenUpToMessageId"/> holds this one back so the agent can look first.
    /// </summary>
    public Task<ReplyOutcome> ReplyAsync(
        CurrentMember actor, long conversationId, string text, string clientMessageId, long seenUpToMessageId, bool sendAnyway,
        CancellationToken ct = default) =>
        ReplyAsync(actor, conversationId, new TextDraft(text), clientMessageId, seenUpToMessageId, sendAnyway, ct);

    /// <summary>
    /// Sends a reply of any kind (text, buttons, list, attachment, template) once per <paramref name="clientMessageId"/>.
    /// The conversation's channel checks its rules, builds its message and delivers it (WhatsApp queues it in the outbox
    /// in the same transaction; it leaves as soon as the worker takes it).
    /// </summary>
    public async Task<ReplyOutcome> ReplyAsync(
        CurrentMember actor, long conversationId, OutgoingDraft draft, string clientMessageId, long seenUpToMessageId, bool sendAnyway,
        CancellationToken ct = default)
    {
        var me = (await actor.RequireAsync(TeamRight.WorkInInbox, ct)).AsTeamMember();
        return await Conflicts.RetryAsync(() => ReplyOnceAsync(me, conversationId, draft, clientMessageId, seenUpToMessageId, sendAnyway, ct));
    }

    private async Task<ReplyOutcome> ReplyOnceAsync(
        TeamMember me, long conversationId, OutgoingDraft draft, string clientMessageId, long seenUpToMessageId, bool sendAnyway, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var existing = await FindByClientIdAsync(db, conversationId, clientMessageId, ct);
        if (existing is not null)
        {
            return new ReplyOutcome(existing, null, null);
        }

        if (!sendAnyway)
        {
            var collision = await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == conversationId && m.Kind == MessageKind.Outgoing && m.Id > seenUpToMessageId
                            && m.Automatic == AutomaticMessageKind.None && m.SenderUserId != me.UserId)
                .OrderByDescending(m => m.Id)
                .Select(m => new { m.SenderName, m.CreatedAt })
                .FirstOrDefaultAsync(ct);
            if (collision is not null)
            {
                return new ReplyOutcome(null, collision.SenderName, collision.CreatedAt);
            }
        }

        var conversation = await LoadAsync(db, conversationId, ct);
        var channel = await ChannelOfAsync(db, conversation.InboxId, ct);
        var now = clock.GetUtcNow();
        var reply = await channel.ComposeAsync(db, conversation, draft, now, ct);
        var message = conversation.Reply(me, reply.Text, clientMessageId, now, reply.Content, queued: channel.QueuesReplies);
        channel.Enqueue(db, conversation, message, now);

        var id = await SaveAsync(db, conversation, [message], ct)
                 ?? await FindByClientIdAsync(db, conversationId, clientMessageId, ct);
        channel.Deliver();
        return new ReplyOutcome(id, null, null);
    }

    public async Task<long?> AddNoteAsync(CurrentMember actor, long conversationId, string text, string clientMessageId, CancellationToken ct = default)
    {
        var me = (await actor.RequireAsync(TeamRight.WorkInInbox, ct)).AsTeamMember();
        return await Conflicts.RetryAsync(() => AddNoteOnceAsync(me, conversationId, text, clientMessageId, ct));
    }

    private async Task<long?> AddNoteOnceAsync(TeamMember me, long conversationId, string text, string clientMessageId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await FindByClientIdAsync(db, conversationId, clientMessageId, ct) is { } existing)
        {
            return existing;
        }

        var conversation = await LoadAsync(db, conversationId, ct);
        var note = conversation.AddNote(me, text, clientMessageId, clock.GetUtcNow());
        var id = await SaveAsync(db, conversation, [note], ct);
        if (id is null)
        {
            return await FindByClientIdAsync(db, conversationId, clientMessageId, ct);
        }

        await NotifyMentionedAsync(db, note, ct);
        return id;
    }

    /// <summary>Unseen @mentions of the acting agent, newest first.</summary>
    public async Task<IReadOnlyList<MentionItem>> MentionsAsync(CurrentMember actor, CancellationToken ct = default)
    {
        var me = (await actor.RequireAsync(TeamRight.WorkInInbox, ct)).AsTeamMember();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Mentions.AsNoTracking()
            .Where(m => m.UserId == me.UserId && m.SeenAt == null)
            .OrderByDescending(m => m.Id).Take(20)
            .Select(m => new MentionItem(m.Id, m.ConversationId, m.ByName, m.Excerpt, m.CreatedAt))
            .ToListAsync(ct);
    }

    private static async Task NotifyMentionedAsync(BizInboxDbContext db, Message note, CancellationToken ct)
    {
        var members = await db.Users.AsNoTracking().Where(u => u.IsActive).Select(u => new TeamMember(u.Id, u.DisplayName)).ToListAsync(ct);
        var mentions = Mention.In(note, members);
        if (mentions.Count == 0)
        {
            return;
        }

        db.Mentions.AddRange(mentions);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Assigns to <paramref name="assigneeUserId"/> (an active member) or to nobody.</summary>
    public Task AssignAsync(CurrentMember actor, long conversationId, string? assigneeUserId, CancellationToken ct = default) =>
        ChangeAsync(actor, conversationId, async (db, conversation, me, now) =>
        {
            TeamMember? assignee = null;
            if (assigneeUserId is not null)
            {
                assignee = await team.FindActiveAsync(db, assigneeUserId, ct)
                    ?? throw new DomainException("conversation.assignee_unknown", "This team member cannot take conversations.");
            }

            var previous = conversation.AssigneeId is { } previousId
                ? await db.Users.Where(u => u.Id == previousId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
                : null;
            return conversation.Assign(me, assignee, previous, now);
        }, ct);

    public Task ResolveAsync(CurrentMember actor, long conversationId, CancellationToken ct = default) =>
        ChangeAsync(actor, conversationId, (_, c, me, now) => Task.FromResult(c.Resolve(me, now)), ct);

    public Task ReopenAsync(CurrentMember actor, long conversationId, CancellationToken ct = default) =>
        ChangeAsync(actor, conversationId, (_, c, me, now) => Task.FromResult(c.Reopen(me, now)), ct);

    public Task MarkPendingAsync(CurrentMember actor, long conversationId, CancellationToken ct = default) =>
        ChangeAsync(actor, conversationId, (_, c, me, now) => Task.FromResult(c.MarkPending(me, now)), ct);

    /// <summary>Snoozes until <paramref name="until"/>, or until the customer replies when null.</summary>
    public Task SnoozeAsync(CurrentMember actor, long conversationId, DateTimeOffset? until, CancellationToken ct = default) =>
        ChangeAsync(actor, conversationId, (_, c, me, now) => Task.FromResult(c.Snooze(me, until?.ToUniversalTime(), now)), ct);

    public Task SetPriorityAsync(CurrentMember actor, long conversationId, ConversationPriority priority, CancellationToken ct = default) =>
        ChangeAsync(actor, conversationId, (_, c, me, now) => Task.FromResult(c.SetPriority(me, priority, now)), ct);

    public Task AddLabelAsync(CurrentMember actor, long conversationId, int labelId, CancellationToken ct = default) =>
        ChangeAsync(actor, conversationId, async (db, c, me, now) => c.AddLabel(me, await LabelAsync(db, labelId, ct), now), ct);

    public Task RemoveLabelAsync(CurrentMember actor, long conversationId, int labelId, CancellationToken ct = default) =>
        ChangeAsync(actor, conversationId, async (db, c, me, now) => c.RemoveLabel(me, await LabelAsync(db, labelId, ct), now), ct);

    /// <summary>Marks everything up to <paramref name="messageId"/> as read for the acting agent.</summary>
    public async Task MarkReadAsync(CurrentMember actor, long conversationId, long messageId, CancellationToken ct = default) =>
        await MarkReadAsync((await actor.RequireAsync(TeamRight.WorkInInbox, ct)).AsTeamMember(), conversationId, messageId, ct);

    /// <summary>As <see cref="MarkReadAsync(CurrentMember, long, long, CancellationToken)"/>, for a member already checked (<see cref="ReadMarkWriter"/>).</summary>
    internal async Task MarkReadAsync(TeamMember me, long conversationId, long messageId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateOpenDbContextAsync(ct);
        var read = await db.Messages.Where(m => m.Id == messageId && m.ConversationId == conversationId)
            .Select(m => new { m.CreatedAt }).FirstOrDefaultAsync(ct);
        if (read is null)
        {
            return; // not a message of this conversation: nothing to mark
        }

        var marker = await db.ReadMarkers.FirstOrDefaultAsync(r => r.ConversationId == conversationId && r.UserId == me.UserId, ct);
        bool moved;
        if (marker is null)
        {
            db.ReadMarkers.Add(ReadMarker.Create(conversationId, me.UserId, messageId, read.CreatedAt));
            moved = true;
        }
        else
        {
            moved = marker.MoveTo(messageId, read.CreatedAt);
        }

        // Before the marker's save: its read change makes the mention bell look again, and must find these seen. Looked
        // for first: an update takes SQLite's write lock even when it changes nothing, and mentions are rare.
        var unseen = db.Mentions.Where(m => m.ConversationId == conversationId && m.UserId == me.UserId && m.SeenAt == null);
        if (await unseen.AnyAsync(ct))
        {
            await unseen.ExecuteUpdateAsync(u => u.SetProperty(m => m.SeenAt, clock.GetUtcNow()), ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two tabs of the same agent marked it at once; the other one's marker stands.
            return;
        }

        if (moved)
        {
            await SendReadReceiptAsync(db, conversationId, messageId, ct);
        }
    }

    private async Task ChangeAsync(
        CurrentMember actor, long conversationId,
        Func<BizInboxDbContext, Conversation, TeamMember, DateTimeOffset, Task<IReadOnlyList<Message>>> change,
        CancellationToken ct)
    {
        var me = (await actor.RequireAsync(TeamRight.WorkInInbox, ct)).AsTeamMember();
        await Conflicts.RetryAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var conversation = await LoadAsync(db, conversationId, ct);
            var entries = await change(db, conversation, me, clock.GetUtcNow());
            if (entries.Count > 0)
            {
                await SaveAsync(db, conversation, entries, ct);
            }
        });
    }

    /// <summary>Stores the change; returns the last entry's id, or null when a retry's duplicate key hit the unique index.</summary>
    private async Task<long?> SaveAsync(BizInboxDbContext db, Conversation conversation, IReadOnlyList<Message> entries, CancellationToken ct)
    {
        db.Messages.AddRange(entries);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && entries.Any(e => e.ClientMessageId is not null))
        {
            logger.LogInformation("A retried send for conversation {ConversationId} was already stored", conversation.Id);
            return null;
        }

        return entries[^1].Id;
    }

    private static async Task<Conversation> LoadAsync(BizInboxDbContext db, long id, CancellationToken ct) =>
        await db.Conversations.Include(c => c.Labels).FirstOrDefaultAsync(c => c.Id == id, ct)
        ?? throw new DomainException("conversation.not_found", "This conversation does not exist.");

    private static async Task<Domain.Labels.Label> LabelAsync(BizInboxDbContext db, int id, CancellationToken ct) =>
        await db.Labels.FirstOrDefaultAsync(l => l.Id == id, ct)
        ?? throw new DomainException("label.not_found", "This label does not exist.");

    private static Task<long?> FindByClientIdAsync(BizInboxDbContext db, long conversationId, string clientMessageId, CancellationToken ct) =>
        db.Messages.Where(m => m.ConversationId == conversationId && m.ClientMessageId == clientMessageId)
            .Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
}
