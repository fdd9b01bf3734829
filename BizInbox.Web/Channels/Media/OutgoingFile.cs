using BizInbox.Domain;
using BizInbox.Domain.Conversations;

namespace BizInbox.Web.Channels.Media;

/// <summary>
/// An agent's file read and checked against WhatsApp's rules (type, size, content), ready for the media store: what
/// the composer's attachments and the canned replies' files both go through.
/// </summary>
public sealed record OutgoingFile(byte[] Bytes, string MimeType, string FileName, MessageContentType Type)
{
    /// <summary>Largest file an agent may upload: WhatsApp's limit for documents.</summary>
    public const long MaxBytes = 100L * 1024 * 1024;

    /// <summary>Reads <paramref name="content"/>; a voice message recorded as WebM becomes Ogg Opus (see <see cref="OpusRemuxer"/>).</summary>
    public static async Task<OutgoingFile> ReadAsync(Stream content, string fileName, string mimeType, CancellationToken ct = default)
    {
        // The first bytes tell an Ogg Opus voice note from other Ogg files and help where the browser gave no type.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < 64 && (read = await content.ReadAsync(chunk.AsMemory(0, 64 - (int)buffer.Length), ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        var (type, mime) = MediaRules.Outgoing(mimeType, fileName, buffer.GetBuffer().AsSpan(0, (int)buffer.Length))
            ?? throw Unsupported();
        try
        {
            await LimitedRead.CopyAsync(content, buffer, MediaRules.MaxBytes(type) - buffer.Length, null, ct);
        }
        catch (ContentTooLargeException)
        {
            throw TooLarge();
        }

        var bytes = buffer.ToArray();
        if (mime == "audio/webm")
        {
            bytes = OpusRemuxer.WebMToOgg(bytes) ?? throw Unsupported();
            (mime, fileName) = ("audio/ogg", Path.ChangeExtension(fileName, ".ogg"));
        }

        if (bytes.Length == 0 || !MediaRules.ContentMatches(mime, bytes))
        {
            throw new DomainException("attachment.content", "The file's content does not match its type.");
        }

        return new OutgoingFile(bytes, mime, MediaStore.SafeFileName(fileName) ?? "file", type);
    }

    private static DomainException TooLarge() =>
        new("attachment.too_large", "Files may be pictures up to 5 MB, videos and audio up to 16 MB, and documents up to 100 MB.");

    private static DomainException Unsupported() => new(
        "attachment.type", "Files may be JPEG or PNG pictures, MP4 videos, voice messages and audio (OGG Opus, MP3, AAC, M4A, AMR), and PDF, text and Office documents.");
}
