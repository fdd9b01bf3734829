using BizInbox.Domain.Labels;
using BizInbox.Domain.Reporting;
using BizInbox.Domain.Team;

namespace BizInbox.Domain.Conversations;

/// <summary>
/// A conversation between one contact and the team in one inbox: its status machine, assignment,
/// priority, labels and the instants reports are built on. Every change returns the timeline entries it
/// produced (the message itself and/or an activity entry), for the caller to store in the same transaction.
/// </summary>
public sealed partial class Conversation : RecordsDomainEvents
{
    /// <summary>Length of <see cref="LastMessagePreview"/>.</summary>
    public const int PreviewLength = 140;

    private readonly List<ConversationLabel> _labels = [];
    private readonly List<ConversationFact> _facts = [];

    private Conversation()
    {
        LastMessagePreview = string.Empty;
    }

    /// <summary>Identifier, also shown to people as the conversation number (#123).</summary>
    public long Id { get; private set; }

    /// <summary>The inbox (channel) it arrived in.</summary>
    public int InboxId { get; private set; }

    /// <summary>The customer.</summary>
    public Guid ContactId { get; private set; }

    /// <summary>Current status.</summary>
    public ConversationStatus Status { get; private set; }

    /// <summary>When a snooze ends; null while snoozed means "until the customer replies".</summary>
    public DateTimeOffset? SnoozedUntil { get; private set; }

    /// <summary>Urgency.</summary>
    public ConversationPriority Priority { get; private set; }

    /// <summary>The agent responsible, if any.</summary>
    public string? AssigneeId { get; private set; }

    /// <summary>When the customer started it.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When an agent first replied (first response time).</summary>
    public DateTimeOffset? FirstReplyAt { get; private set; }

    /// <summary>When the customer last wrote.</summary>
    public DateTimeOffset? LastCustomerMessageAt { get; private set; }

    /// <summary>When an agent last replied.</summary>
    public DateTimeOffset? LastAgentReplyAt { get; private set; }

    /// <summary>Since when the customer has been waiting for a reply; null when the last word was the team's.</summary>
    public DateTimeOffset? WaitingSince { get; private set; }

    /// <summary>When it was last resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>When the latest customer or agent message was written (sorting by newest).</summary>
    public DateTimeOffset LastActivityAt { get; private set; }

    /// <summary>Start of the latest customer or agent message, for the conversation list.</summary>
    public string LastMessagePreview { get; private set; }

    /// <summary>Whether the preview is the customer's (true) or the team's (false) words.</summary>
    public bool LastMessageFromCustomer { get; private set; }

    /// <summary>
    /// A customer's message in it came from a click-to-WhatsApp ad (it carries the ad's referral): kept on the row so that
    /// the list's "came via an ad" filter walks an index instead of every conversation's messages.
    /// </summary>
    public bool CameViaAd { get; private set; }

    /// <summary>Labels attached to it.</summary>
    public IReadOnlyCollection<ConversationLabel> Labels => _labels;

    /// <summary>When the current period began (the start, or the latest reopening of a resolved conversation); for reports.</summary>
    public DateTimeOffset PeriodStartedAt { get; private set; }

    /// <summary>The customer's first message in the current period; null until they write in it.</summary>
    public DateTimeOffset? PeriodFirstMessageAt { get; private set; }

    /// <summary>Whether the current period's first response has been given.</summary>
    public bool PeriodAnswered { get; private set; }

    /// <summary>The reporting facts recorded since the conversation was loaded, for the caller's unit of work to store.</summary>
    public IReadOnlyList<ConversationFact> PendingFacts => _facts;

    /// <summary>
    /// Takes the clock the backfill rebuilt from the stored timeline (<see cref="FactReplay"/>), so that facts recorded from
    /// now on continue where the history left off.
    /// </summary>
    public void AdoptReplayedClock(ResponseClock clock) => Clock = clock;

    /// <summary>Hands the pending facts over to be stored, and forgets them.</summary>
    public IReadOnlyList<ConversationFact> TakeFacts()
    {
        ConversationFact[] taken = [.. _facts];
        _facts.Clear();
        return taken;
    }

    /// <summary>
    /// Starts a conversation; the first customer message follows through <see cref="ReceiveFromCustomer"/>. A
    /// <paramref name="blocked"/> customer's conversation starts resolved: it keeps their messages but never shows among
    /// the open ones (and, never having been resolved by anyone, counts in no resolution report).
    /// </summary>
    public static Conversation Start(int inboxId, Guid contactId, DateTimeOffset now, bool blocked = false)
    {
        var conversation = new Conversation
        {
            InboxId = inboxId,
            ContactId = contactId,
            Status = blocked ? ConversationStatus.Resolved : ConversationStatus.Open,
            CreatedAt = now,
            LastActivityAt = now,
            PeriodStartedAt = now,
        };
        if (!blocked)
        {
            conversation.Clock = ResponseClock.Start(now, conversation._facts);
        }

        return conversation;
    }

    /// <summary>
    /// Records a customer message. A resolved or snoozed conversation reopens; the customer now waits
    /// for a reply (from their first unanswered message on). A <paramref name="blocked"/> customer's message is
    /// only kept: the conversation stays as it is (no reopening, nothing unread, no place at the top of the list).
    /// </summary>
    /// <remarks>
    /// <paramref name="sentAt"/> is the channel's time of sending (WhatsApp's timestamp); the message takes that place in
    /// the thread, so a webhook that arrives late sorts where it belongs. A time after <paramref name="now"/> cannot be
    /// true (it was received now) and is taken as now, so a wrong clock cannot pin a message below all later ones.
    /// </remarks>
    public IReadOnlyList<Message> ReceiveFromCustomer(
        string text, string? clientMessageId, DateTimeOffset now, MessageContent? content = null, DateTimeOffset? sentAt = null, bool blocked = false)
    {
        EnsureSaved();
        Message.ValidText(text);
        var at = SentTime(sentAt, now);
        CameViaAd |= content?.Referral is not null;
        if (blocked)
        {
            return [Message.Incoming(Id, text, clientMessageId, at, now, content)];
        }

        var entries = new List<Message>(2);
        var clock = Clock.CustomerWrote(at, _facts);
        var previous = Status;
        if (Status is ConversationStatus.Resolved or ConversationStatus.Snoozed)
        {
            Status = ConversationStatus.Open;
            SnoozedUntil = null;
            entries.Add(Message.ActivityEntry(Id, ActivityKind.ReopenedByCustomer, null, null, "Reopened by a customer message", at));
        }

        var message = Message.Incoming(Id, text, clientMessageId, at, now, content);
        entries.Add(message);
        LastCustomerMessageAt = LastCustomerMessageAt is { } last && last > at ? last : at;
        Clock = clock;
        Touch(message, fromCustomer: true, at);
        Raise(new MessageReceived(Id, Place, previous));
        return entries;
    }

    /// <summary>When a message received at <paramref name="now"/> was sent: the channel's time, never later than now.</summary>
    public static DateTimeOffset SentTime(DateTimeOffset? sentAt, DateTimeOffset now) => sentAt is { } sent && sent < now ? sent : now;

    /// <summary>
    /// The customer's channel reported that they now write from another number (<paramref name="channelMessageId"/> is
    /// the channel's id of that notice, so it is recorded once). Only the timeline records it: nobody waits for a reply.
    /// </summary>
    public Message CustomerChangedNumber(string oldNumber, string newNumber, string channelMessageId, DateTimeOffset at)
    {
        EnsureSaved();
        Raise(new NoticeAdded(Id, Place));
        return Message.ChannelNotice(Id, ActivityKind.CustomerNumberChanged, $"{oldNumber} {newNumber}",
            $"The customer changed their WhatsApp number from {oldNumber} to {newNumber}", channelMessageId, at);
    }

    /// <summary>
    /// Tells the team that web chat refused a flood from <paramref name="address"/>. The preview shows it in the
    /// conversation list; nobody waits for a reply.
    /// </summary>
    public Message RecordRefusedFlood(string address, DateTimeOffset now)
    {
        EnsureSaved();
        var entry = Message.ActivityEntry(Id, ActivityKind.FloodRefused, null, address,
            $"Web chat refused a flood of requests from {address}", now);
        Touch(entry, fromCustomer: false, now);
        Raise(new NoticeAdded(Id, Place));
        return entry;
    }

    /// <summary>An agent's reply to the customer. The customer stops waiting; the first reply is remembered.</summary>
    /// <remarks>A <paramref name="queued"/> reply waits in the outbox until its channel accepts it.</remarks>
    public Message Reply(TeamMember agent, string text, string clientMessageId, DateTimeOffset now, MessageContent? content = null, bool queued = false)
    {
        EnsureSaved();
        RequireClientMessageId(clientMessageId);
        var message = Message.Written(Id, MessageKind.Outgoing, agent, text, clientMessageId, now, content, queued);
        FirstReplyAt ??= now;
        LastAgentReplyAt = now;
        Clock = Clock.AgentReplied(agent.UserId, now, _facts);
        Touch(message, fromCustomer: false, now);
        Raise(new MessageSent(Id, Place, agent));
        return message;
    }

    /// <summary>
    /// An automatic message (greeting or away) to the customer. It is no agent's reply: the customer keeps waiting,
    /// and first response and the conversation list still see the customer's message. <paramref name="key"/> names
    /// the period it belongs to; the unique message key keeps it to one per period, however many messages race.
    /// </summary>
    public Message SendAutomatic(AutomaticMessageKind kind, string text, string key, DateTimeOffset now, bool queued)
    {
        EnsureSaved();
        if (kind == AutomaticMessageKind.None)
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        RequireClientMessageId(key);
        var message = Message.AutomaticReply(Id, kind, text, key, now, queued);
        Raise(new MessageSent(Id, Place, null));
        return message;
    }

    /// <summary>A private note for the team. It changes no status and never reaches the customer.</summary>
    public Message AddNote(TeamMember agent, string text, string clientMessageId, DateTimeOffset now)
    {
        EnsureSaved();
        RequireClientMessageId(clientMessageId);
        var note = Message.Written(Id, MessageKind.Note, agent, text, clientMessageId, now);
        Raise(new NoteAdded(Id, Place, agent));
        return note;
    }

    /// <summary>Gives the conversation to <paramref name="assignee"/>, or to nobody. No change, no entry.</summary>
    public IReadOnlyList<Message> Assign(TeamMember actor, TeamMember? assignee, string? previousAssigneeName, DateTimeOffset now)
    {
        EnsureSaved();
        if (AssigneeId == assignee?.UserId)
        {
            return [];
        }

        var previous = AssigneeId;
        AssigneeId = assignee?.UserId;
        Raise(new ConversationAssigned(Id, Place, actor, previous));
        var entry = assignee is null
            ? Message.ActivityEntry(Id, ActivityKind.Unassigned, actor, previousAssigneeName, $"{actor.Name} removed the assignment of {previousAssigneeName}", now)
            : assignee.UserId == actor.UserId
                ? Message.ActivityEntry(Id, ActivityKind.SelfAssigned, actor, null, $"{actor.Name} self-assigned this conversation", now)
                : Message.ActivityEntry(Id, ActivityKind.Assigned, actor, assignee.Name, $"{actor.Name} assigned this to {assignee.Name}", now);
        return [entry];
    }

    /// <summary>Marks the conversation done.</summary>
    public IReadOnlyList<Message> Resolve(TeamMember actor, DateTimeOffset now)
    {
        EnsureSaved();
        if (Status == ConversationStatus.Resolved)
        {
            return [];
        }

        Clock = Clock.ResolvedBy(actor.UserId, now, _facts);
        var previous = Status;
        Status = ConversationStatus.Resolved;
        SnoozedUntil = null;
        ResolvedAt = now;
        Raise(new ConversationStatusChanged(Id, Place, actor, previous));
        return [Message.ActivityEntry(Id, ActivityKind.Resolved, actor, null, $"{actor.Name} resolved this conversation", now)];
    }

    /// <summary>Opens a resolved, pending or snoozed conversation again.</summary>
    public IReadOnlyList<Message> Reopen(TeamMember actor, DateTimeOffset now)
    {
        EnsureSaved();
        if (Status == ConversationStatus.Open)
        {
            return [];
        }

        Clock = Clock.Reopened(now, _facts);
        var previous = Status;
        Status = ConversationStatus.Open;
        SnoozedUntil = null;
        Raise(new ConversationStatusChanged(Id, Place, actor, previous));
        return [Message.ActivityEntry(Id, ActivityKind.Reopened, actor, null, $"{actor.Name} reopened this conversation", now)];
    }

    /// <summary>Puts the conversation aside until <paramref name="until"/>, or until the customer replies when null.</summary>
    public IReadOnlyList<Message> Snooze(TeamMember actor, DateTimeOffset? until, DateTimeOffset now)
    {
        EnsureSaved();
        if (Status == ConversationStatus.Resolved)
        {
            throw new DomainException("conversation.snooze_resolved", "A resolved conversation cannot be snoozed.");
        }

        if (until is { } end && end <= now)
        {
            throw new DomainException("conversation.snooze_in_past", "A snooze must end in the future.");
        }

        var previous = Status;
        Status = ConversationStatus.Snoozed;
        SnoozedUntil = until;
        Raise(new ConversationStatusChanged(Id, Place, actor, previous));
        var target = until?.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var text = until is null ? $"{actor.Name} snoozed this until the customer replies" : $"{actor.Name} snoozed this until {target}";
        return [Message.ActivityEntry(Id, ActivityKind.Snoozed, actor, target, text, now)];
    }

    /// <summary>Ends a timed snooze once its time has come.</summary>
    public IReadOnlyList<Message> WakeIfDue(DateTimeOffset now)
    {
        EnsureSaved();
        if (Status != ConversationStatus.Snoozed || SnoozedUntil is not { } until || until > now)
        {
            return [];
        }

        Status = ConversationStatus.Open;
        SnoozedUntil = null;
        Raise(new ConversationStatusChanged(Id, Place, null, ConversationStatus.Snoozed));
        return [Message.ActivityEntry(Id, ActivityKind.SnoozeEnded, null, null, "The snooze ended", now)];
    }

    /// <summary>Parks the conversation as pending (waiting on something outside the team).</summary>
    public IReadOnlyList<Message> MarkPending(TeamMember actor, DateTimeOffset now)
    {
        EnsureSaved();
        if (Status == ConversationStatus.Pending)
        {
            return [];
        }

        Clock = Clock.Reopened(now, _facts);
        var previous = Status;
        Status = ConversationStatus.Pending;
        SnoozedUntil = null;
        Raise(new ConversationStatusChanged(Id, Place, actor, previous));
        return [Message.ActivityEntry(Id, ActivityKind.MarkedPending, actor, null, $"{actor.Name} marked this as pending", now)];
    }

    /// <summary>Changes the priority.</summary>
    public IReadOnlyList<Message> SetPriority(TeamMember actor, ConversationPriority priority, DateTimeOffset now)
    {
        EnsureSaved();
        if (Priority == priority)
        {
            return [];
        }

        Priority = priority;
        Raise(new ConversationPriorityChanged(Id, Place, actor));
        return [Message.ActivityEntry(Id, ActivityKind.PriorityChanged, actor, priority.ToString(), $"{actor.Name} set the priority to {priority}", now)];
    }

    /// <summary>Attaches a label; attaching it twice does nothing.</summary>
    public IReadOnlyList<Message> AddLabel(TeamMember actor, Label label, DateTimeOffset now)
    {
        EnsureSaved();
        if (_labels.Any(l => l.LabelId == label.Id))
        {
            return [];
        }

        _labels.Add(new ConversationLabel(Id, label.Id));
        Raise(new ConversationLabelsChanged(Id, Place, actor, label.Id, Attached: true));
        return [Message.ActivityEntry(Id, ActivityKind.LabelAdded, actor, label.Name, $"{actor.Name} added the label {label.Name}", now)];
    }

    /// <summary>Removes a label; removing an absent one does nothing.</summary>
    public IReadOnlyList<Message> RemoveLabel(TeamMember actor, Label label, DateTimeOffset now)
    {
        EnsureSaved();
        var existing = _labels.FirstOrDefault(l => l.LabelId == label.Id);
        if (existing is null)
        {
            return [];
        }

        _labels.Remove(existing);
        Raise(new ConversationLabelsChanged(Id, Place, actor, label.Id, Attached: false));
        return [Message.ActivityEntry(Id, ActivityKind.LabelRemoved, actor, label.Name, $"{actor.Name} removed the label {label.Name}", now)];
    }

    /// <summary>Where the conversation sits in the lists now.</summary>
    private ListPlace Place => new(InboxId, AssigneeId, Status);

    // The response clock lives in the conversation's own columns (Status says whether it is resolved).
    private ResponseClock Clock
    {
        get => new(PeriodStartedAt, PeriodFirstMessageAt, PeriodAnswered, WaitingSince, Status == ConversationStatus.Resolved);
        set
        {
            PeriodStartedAt = value.PeriodStartedAt;
            PeriodFirstMessageAt = value.PeriodFirstMessageAt;
            PeriodAnswered = value.PeriodAnswered;
            WaitingSince = value.WaitingSince;
        }
    }

    // A message that arrives late (sent before the latest one shown) leaves the list's time and preview to the latest.
    private void Touch(Message message, bool fromCustomer, DateTimeOffset now)
    {
        if (now < LastActivityAt && LastMessagePreview.Length > 0)
        {
            return;
        }

        LastActivityAt = now;
        LastMessageFromCustomer = fromCustomer;
        var text = message.Text.ReplaceLineEndings(" ");
        if (text.Length <= PreviewLength)
        {
            LastMessagePreview = text;
            return;
        }

        // Cut between whole characters: never half of an emoji's surrogate pair.
        var cut = PreviewLength - 1;
        if (char.IsLowSurrogate(text[cut]))
        {
            cut--;
        }

        LastMessagePreview = text[..cut] + "…";
    }

    private static void RequireClientMessageId(string clientMessageId)
    {
        if (string.IsNullOrWhiteSpace(clientMessageId))
        {
            throw new DomainException("message.client_id_invalid", "A message needs a client message id.");
        }
    }

    // Entries reference the conversation by id, so the conversation must have been stored first.
    private void EnsureSaved()
    {
        if (Id == 0)
        {
            throw new InvalidOperationException("Store the conversation before adding to its timeline.");
        }
    }
}

/// <summary>A label attached to a conversation.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="LabelId">The label.</param>
public sealed record ConversationLabel(long ConversationId, int LabelId);
