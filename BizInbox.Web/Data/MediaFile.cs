namespace BizInbox.Web.Data;

/// <summary>
/// A file in the media store: a customer's picture, voice message or document, or an agent's attachment. The bytes
/// live on disk under the data directory (see the media store); the row says what they are and whose they are.
/// </summary>
public sealed class MediaFile
{
    private MediaFile()
    {
        MimeType = string.Empty;
        Sha256 = string.Empty;
        StorageKey = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>
    /// The conversation it belongs to (agents who may see the conversation may see the file); null for a canned
    /// reply's file, which is copied into a conversation when an agent uses the reply.
    /// </summary>
    public long? ConversationId { get; private set; }

    public string MimeType { get; private set; }

    public string? FileName { get; private set; }

    public long Size { get; private set; }

    /// <summary>SHA-256 of the bytes, lower-case hex.</summary>
    public string Sha256 { get; private set; }

    /// <summary>Where the bytes are, relative to the media store's root.</summary>
    public string StorageKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static MediaFile Create(Guid id, long? conversationId, string mimeType, string? fileName, long size, string sha256, string storageKey, DateTimeOffset now) => new()
    {
        Id = id,
        ConversationId = conversationId,
        MimeType = mimeType,
        FileName = fileName,
        Size = size,
        Sha256 = sha256,
        StorageKey = storageKey,
        CreatedAt = now,
    };
}
