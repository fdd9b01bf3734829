using BizInbox.Domain.Conversations;

namespace BizInbox.Web.Channels.Media;

/// <summary>
/// WhatsApp's media limits per type: which MIME types each message type may carry and how large the file may be
/// (images 5 MB, audio and video 16 MB, documents 100 MB, stickers 500 KB).
/// </summary>
public static class MediaRules
{
    private static readonly string[] Images = ["image/jpeg", "image/png"];
    private static readonly string[] Audio = ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"];
    private static readonly string[] Video = ["video/mp4", "video/3gpp"];
    private static readonly string[] Stickers = ["image/webp"];
    private static readonly string[] Documents =
    [
        "text/plain", "application/pdf", "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ];

    /// <summary>The largest file WhatsApp allows for a type.</summary>
    public static long MaxBytes(MessageContentType type) => type switch
    {
        MessageContentType.Image => 5L * 1024 * 1024,
        MessageContentType.Audio or MessageContentType.Voice or MessageContentType.Video => 16L * 1024 * 1024,
        MessageContentType.Sticker => 500L * 1024,
        _ => 100L * 1024 * 1024,
    };

    /// <summary>The MIME type without parameters, lower case ("audio/ogg; codecs=opus" is "audio/ogg").</summary>
    public static string Essence(string? mimeType) => (mimeType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>Whether WhatsApp allows <paramref name="mimeType"/> for a message of <paramref name="type"/>.</summary>
    public static bool Allows(MessageContentType type, string? mimeType)
    {
        var essence = Essence(mimeType);
        var allowed = type switch
        {
            MessageContentType.Image => Images,
            MessageContentType.Audio or MessageContentType.Voice => Audio,
            MessageContentType.Video => Video,
            MessageContentType.Sticker => Stickers,
            MessageContentType.Document => Documents,
            _ => [],
        };
        return allowed.Contains(essence, StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether the bytes look like what the type says, for the formats a browser would show inline (so a file
    /// declared as a picture cannot be a page). Other formats are always served as downloads.
    /// </summary>
    public static bool ContentMatches(string mimeType, ReadOnlySpan<byte> bytes) => Essence(mimeType) switch
    {
        "image/jpeg" => bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/png" => bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "image/webp" => bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8),
        "application/pdf" => bytes.StartsWith("%PDF-"u8),
        _ => true,
    };

    /// <summary>Whether agents' browsers may show the type inline (pictures, audio, video); everything else downloads.</summary>
    public static bool ShownInline(string mimeType) => Essence(mimeType) is "image/jpeg" or "image/png" or "image/webp"
        or "audio/aac" or "audio/mpeg" or "audio/mp4" or "audio/ogg" or "video/mp4";
}
