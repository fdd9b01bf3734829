using BizInbox.Domain.Team;

namespace BizInbox.Domain.Conversations;

/// <summary>Where a conversation sits in the lists after a change: its inbox, its assignee and its status.</summary>
public sealed record ListPlace(int InboxId, string? AssigneeId, ConversationStatus Status);

/// <summary>A change to one conversation; <see cref="Actor"/> is null when the customer, the channel or a timer made it.</summary>
public abstract record ConversationEvent(long ConversationId, ListPlace Place, TeamMember? Actor) : DomainEvent;

/// <summary>The customer wrote (a resolved or snoozed conversation reopened from <paramref name="PreviousStatus"/>).</summary>
public sealed record MessageReceived(long ConversationId, ListPlace Place, ConversationStatus PreviousStatus)
    : ConversationEvent(ConversationId, Place, null);

/// <summary>A message to the customer: an agent's reply, or an automatic one (no actor).</summary>
public sealed record MessageSent(long ConversationId, ListPlace Place, TeamMember? Actor) : ConversationEvent(ConversationId, Place, Actor);

/// <summary>A private note for the team.</summary>
public sealed record NoteAdded(long ConversationId, ListPlace Place, TeamMember Actor) : ConversationEvent(ConversationId, Place, Actor);

/// <summary>The timeline got a notice nobody answers (the customer changed number, web chat refused a flood).</summary>
public sealed record NoticeAdded(long ConversationId, ListPlace Place) : ConversationEvent(ConversationId, Place, null);

/// <summary>The conversation moved from <paramref name="PreviousAssigneeId"/> to the assignee in <see cref="ConversationEvent.Place"/>.</summary>
public sealed record ConversationAssigned(long ConversationId, ListPlace Place, TeamMember Actor, string? PreviousAssigneeId)
    : ConversationEvent(ConversationId, Place, Actor);

/// <summary>The status moved from <paramref name="PreviousStatus"/> (a snooze's end has no actor).</summary>
public sealed record ConversationStatusChanged(long ConversationId, ListPlace Place, TeamMember? Actor, ConversationStatus PreviousStatus)
    : ConversationEvent(ConversationId, Place, Actor);

/// <summary>A label was attached or removed.</summary>
public sealed record ConversationLabelsChanged(long ConversationId, ListPlace Place, TeamMember Actor, int LabelId, bool Attached)
    : ConversationEvent(ConversationId, Place, Actor);

/// <summary>The priority changed.</summary>
public sealed record ConversationPriorityChanged(long ConversationId, ListPlace Place, TeamMember Actor) : ConversationEvent(ConversationId, Place, Actor);

/// <summary>Messages already on screen changed (an erasure, a merge folding conversations together or apart).</summary>
public sealed record ConversationRewritten(long ConversationId, int InboxId, TeamMember Actor) : DomainEvent;

/// <summary>A message in the timeline changed: its delivery, the customer's reaction, its file.</summary>
public sealed record MessageUpdated(long ConversationId) : DomainEvent;

/// <summary>An agent read the conversation further.</summary>
public sealed record ConversationRead(long ConversationId, string UserId) : DomainEvent;

/// <summary>A note mentioned <paramref name="UserId"/>.</summary>
public sealed record MemberMentioned(long ConversationId, string UserId, string? ByUserId, string ByName) : DomainEvent;
