namespace BizInbox.Domain.Conversations;

/// <summary>
/// The rich part of a message: its type, its details as JSON, the channel's id for it, its stored file, and the
/// channel's id of the message it answers.
/// </summary>
public sealed record MessageContent(
    MessageContentType Type, string? Json = null, string? ExternalId = null, Guid? MediaFileId = null, string? ReplyToExternalId = null,
    AdReferral? Referral = null);
