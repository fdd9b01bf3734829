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

    /// <summary>How many first bytes <see cref="ContentMatches"/> needs.</summary>
    public const int HeadLength = 16;

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

    /// <summary>
    /// What an agent's file becomes on WhatsApp: a picture, a video, a voice message (an Ogg file with the Opus codec, the one
    /// format WhatsApp shows as a voice note), other audio, or a document; with the MIME type to send it as. Browsers name some
    /// types differently ("audio/x-m4a", "audio/opus") or not at all, so the file's extension and first bytes decide where the
    /// declared type is vague. Null when WhatsApp takes no such file.
    /// </summary>
    public static (MessageContentType Type, string MimeType)? Outgoing(string? mimeType, string? fileName, ReadOnlySpan<byte> head)
    {
        var essence = Essence(mimeType) switch
        {
            "audio/x-m4a" or "audio/m4a" => "audio/mp4",
            "audio/mp3" => "audio/mpeg",
            "audio/opus" => "audio/ogg",
            "" or "application/octet-stream" => ByExtension(fileName) is { Length: > 0 } known ? known
                : OpusRemuxer.IsWebM(head) ? "audio/webm" : IsOggOpus(head) ? "audio/ogg" : string.Empty,
            var other => other,
        };
        if (essence is "audio/webm" or "video/webm" && OpusRemuxer.IsWebM(head))
        {
            // A voice message recorded in Chromium: its Opus audio is rewrapped as Ogg on upload (see OpusRemuxer).
            return (MessageContentType.Voice, "audio/webm");
        }

        if (essence == "audio/ogg")
        {
            // WhatsApp refuses Ogg files with any codec but Opus; with Opus it plays them as a voice message.
            return IsOggOpus(head) ? (MessageContentType.Voice, essence) : null;
        }

        foreach (var type in (ReadOnlySpan<MessageContentType>)[MessageContentType.Image, MessageContentType.Video, MessageContentType.Audio, MessageContentType.Document])
        {
            if (Allows(type, essence))
            {
                return (type, essence);
            }
        }

        return null;
    }

    /// <summary>The message type of a file <see cref="Outgoing"/> accepted, from the MIME type it was stored with.</summary>
    public static MessageContentType StoredOutgoingType(string mimeType) => Essence(mimeType) switch
    {
        "audio/ogg" => MessageContentType.Voice,
        var essence when Allows(MessageContentType.Image, essence) => MessageContentType.Image,
        var essence when Allows(MessageContentType.Video, essence) => MessageContentType.Video,
        var essence when Allows(MessageContentType.Audio, essence) => MessageContentType.Audio,
        _ => MessageContentType.Document,
    };

    /// <summary>Whether the bytes start an Ogg stream whose first packet is an Opus header.</summary>
    public static bool IsOggOpus(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 36 && bytes[..4].SequenceEqual("OggS"u8) && bytes[28..36].SequenceEqual("OpusHead"u8);

    private static string ByExtension(string? fileName) => Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".mp4" => "video/mp4",
        ".3gp" => "video/3gpp",
        ".ogg" or ".opus" or ".oga" => "audio/ogg",
        ".weba" or ".webm" => "audio/webm",
        ".mp3" => "audio/mpeg",
        ".m4a" => "audio/mp4",
        ".aac" => "audio/aac",
        ".amr" => "audio/amr",
        ".pdf" => "application/pdf",
        ".txt" => "text/plain",
        _ => string.Empty,
    };

    /// <summary>Whether agents' browsers may show the type inline (pictures, audio, video); everything else downloads.</summary>
    public static bool ShownInline(string mimeType) => Essence(mimeType) is "image/jpeg" or "image/png" or "image/webp"
        or "audio/aac" or "audio/mpeg" or "audio/mp4" or "audio/ogg" or "video/mp4";
}
