using BizInbox.Domain;
using BizInbox.Domain.Conversations;

namespace BizInbox.Web.Channels.Media;

/// <summary>
/// An agent's file read and checked against WhatsApp's rules (type, size, content), ready for the media store: what
/// the composer's attachments and the canned replies' files both go through. The file waits in a temporary file on the
/// disk, not in memory (a document may have 100 MB), and is deleted when this is disposed.
/// </summary>
public sealed class OutgoingFile : IAsyncDisposable
{
    /// <summary>Largest file an agent may upload: WhatsApp's limit for documents.</summary>
    public const long MaxBytes = 100L * 1024 * 1024;

    /// <summary>The first bytes tell an Ogg Opus voice note from other Ogg files and help where the browser gave no type.</summary>
    private const int HeadLength = 64;

    private OutgoingFile(Stream content, string mimeType, string fileName, MessageContentType type) =>
        (Content, MimeType, FileName, Type) = (content, mimeType, fileName, type);

    /// <summary>The checked file, positioned at its start.</summary>
    public Stream Content { get; }

    public string MimeType { get; }

    public string FileName { get; }

    public MessageContentType Type { get; }

    /// <summary>Reads <paramref name="content"/>; a voice message recorded as WebM becomes Ogg Opus (see <see cref="OpusRemuxer"/>).</summary>
    public static async Task<OutgoingFile> ReadAsync(Stream content, string fileName, string mimeType, CancellationToken ct = default)
    {
        var head = new byte[HeadLength];
        var headLength = 0;
        int read;
        while (headLength < HeadLength && (read = await content.ReadAsync(head.AsMemory(headLength), ct)) > 0)
        {
            headLength += read;
        }

        var (type, mime) = MediaRules.Outgoing(mimeType, fileName, head.AsSpan(0, headLength)) ?? throw Unsupported();
        if (headLength == 0 || !MediaRules.ContentMatches(mime, head.AsSpan(0, headLength)))
        {
            throw ContentMismatch();
        }

        Stream file = MediaStore.TemporaryFile();
        try
        {
            await file.WriteAsync(head.AsMemory(0, headLength), ct);
            try
            {
                await LimitedRead.CopyAsync(content, file, MediaRules.MaxBytes(type) - headLength, null, ct);
            }
            catch (ContentTooLargeException)
            {
                throw TooLarge();
            }

            if (mime == "audio/webm")
            {
                file = await RemuxedAsync(file, ct);
                (mime, fileName) = ("audio/ogg", Path.ChangeExtension(fileName, ".ogg"));
            }

            file.Position = 0;
            return new OutgoingFile(file, mime, MediaStore.SafeFileName(fileName) ?? "file", type);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    /// <summary>A voice message (at most 16 MB) rewrapped from WebM to Ogg Opus, in memory; the WebM file is deleted.</summary>
    private static async Task<Stream> RemuxedAsync(Stream webm, CancellationToken ct)
    {
        await using (webm)
        {
            var bytes = new byte[webm.Length];
            webm.Position = 0;
            await webm.ReadExactlyAsync(bytes, ct);
            return new MemoryStream(OpusRemuxer.WebMToOgg(bytes) ?? throw Unsupported(), writable: false);
        }
    }

    private static DomainException ContentMismatch() => new("attachment.content", "The file's content does not match its type.");

    private static DomainException TooLarge() =>
        new("attachment.too_large", "Files may be pictures up to 5 MB, videos and audio up to 16 MB, and documents up to 100 MB.");

    private static DomainException Unsupported() => new(
        "attachment.type", "Files may be JPEG or PNG pictures, MP4 videos, voice messages and audio (OGG Opus, MP3, AAC, M4A, AMR), and PDF, text and Office documents.");
}
