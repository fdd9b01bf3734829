using BizInbox.Domain.Conversations;

namespace BizInbox.Web.Channels;

/// <summary>What an agent sends: one of the drafts below; the conversation's channel turns it into its message.</summary>
public abstract record OutgoingDraft;

/// <summary>Plain text.</summary>
public sealed record TextDraft(string Text) : OutgoingDraft;

/// <summary>A text with up to three reply buttons (WhatsApp only).</summary>
public sealed record ButtonsDraft(string Body, IReadOnlyList<string> Titles) : OutgoingDraft;

/// <summary>A text with a button that opens up to ten rows (WhatsApp only).</summary>
public sealed record ListDraft(string Body, string Button, IReadOnlyList<ListRowDraft> Rows) : OutgoingDraft;

/// <summary>A row of a list draft.</summary>
public sealed record ListRowDraft(string Title, string? Description);

/// <summary>A picture or document the agent uploaded to the conversation (WhatsApp and web chat).</summary>
public sealed record AttachmentDraft(Guid MediaFileId, string? Caption) : OutgoingDraft;

/// <summary>An approved template with its parameters (WhatsApp only; the one thing allowed outside the 24-hour window).</summary>
public sealed record TemplateDraft(int TemplateId, IReadOnlyList<string> Parameters) : OutgoingDraft;

/// <summary>An uploaded attachment, ready to be sent.</summary>
public sealed record UploadedAttachment(Guid Id, string FileName, string MimeType, long Size, MessageContentType Type);

/// <summary>A reply as its channel sends it: the text kept for the timeline and, for anything but plain text, its content.</summary>
public sealed record ComposedReply(string Text, MessageContent? Content);
