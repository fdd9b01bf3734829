using BizInbox.Domain.Conversations;
using BizInbox.Domain.Search;

namespace BizInbox.Web.Features.Search;

/// <summary>
/// A search: the typed text and the filters. <see cref="From"/> and <see cref="Until"/> bound when a message was written
/// (and when a conversation was active); <see cref="Until"/> is exclusive.
/// </summary>
public sealed record SearchRequest(
    string? Text,
    int? InboxId = null,
    ConversationStatus? Status = null,
    int? LabelId = null,
    string? AssigneeId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? Until = null,
    int Limit = SearchRequest.DefaultLimit)
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 200;

    /// <summary>Whether anything narrows conversations and messages beyond the text.</summary>
    public bool HasFilters => InboxId is not null || Status is not null || LabelId is not null || AssigneeId is not null || From is not null || Until is not null;
}

public sealed record ContactHit(Guid ContactId, string Name, string? Email, string? Phone, long? ConversationId);

public sealed record ConversationHit(
    long ConversationId, string ContactName, string InboxName, ConversationStatus Status, string? AssigneeName, DateTimeOffset LastActivityAt,
    string Preview);

public sealed record MessageHit(
    long MessageId, long ConversationId, string ContactName, string InboxName, MessageKind Kind, string Text, string? SenderName,
    DateTimeOffset CreatedAt);

public sealed record SearchResults(
    SearchQuery Query, IReadOnlyList<ContactHit> Contacts, IReadOnlyList<ConversationHit> Conversations, IReadOnlyList<MessageHit> Messages,
    bool MoreMessages)
{
    public static SearchResults Empty(SearchQuery query) => new(query, [], [], [], false);

    public bool IsEmpty => Contacts.Count == 0 && Conversations.Count == 0 && Messages.Count == 0;
}
