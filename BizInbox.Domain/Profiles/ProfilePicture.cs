using System.Buffers.Binary;

namespace BizInbox.Domain.Profiles;

/// <summary>
/// Checks a profile picture by its content, not its name or declared type: the PNG signature and IHDR header, or
/// the JPEG SOI marker and first SOF frame header, give the real type and pixel size.
/// </summary>
public static class ProfilePicture
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MinSide = 192;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The content type ("image/png", "image/jpeg") of an acceptable picture; throws with the reason otherwise.</summary>
    public static string Check(ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxBytes)
        {
            throw new DomainException("profile.picture_too_large", "The picture is larger than 5 MB.");
        }

        var (type, width, height) = Read(content);
        if (type is null)
        {
            throw new DomainException("profile.picture_type", "Only PNG and JPEG pictures are accepted.");
        }

        if (width < MinSide || height < MinSide)
        {
            throw new DomainException("profile.picture_too_small", "The picture must be at least 192 × 192 pixels.");
        }

        // The editor crops in the browser; a request that skipped it is refused rather than squashed by WhatsApp.
        if (width != height)
        {
            throw new DomainException("profile.picture_not_square", "The picture must be square; crop it first.");
        }

        return type;
    }

    /// <summary>The real type and size, or a null type when the content is neither a readable PNG nor JPEG.</summary>
    public static (string? Type, int Width, int Height) Read(ReadOnlySpan<byte> content)
    {
        if (content.Length >= 24 && content[..8].SequenceEqual(PngSignature) && content.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return ("image/png", (int)BinaryPrimitives.ReadUInt32BigEndian(content.Slice(16, 4)), (int)BinaryPrimitives.ReadUInt32BigEndian(content.Slice(20, 4)));
        }

        return content.Length >= 4 && content[0] == 0xFF && content[1] == 0xD8 ? ReadJpeg(content) : (null, 0, 0);
    }

    private static (string?, int, int) ReadJpeg(ReadOnlySpan<byte> content)
    {
        var at = 2;
        while (at + 9 < content.Length)
        {
            if (content[at] != 0xFF)
            {
                return (null, 0, 0);
            }

            var marker = content[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(content.Slice(at + 2, 2));
            // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return ("image/jpeg", BinaryPrimitives.ReadUInt16BigEndian(content.Slice(at + 7, 2)), BinaryPrimitives.ReadUInt16BigEndian(content.Slice(at + 5, 2)));
            }

            at += 2 + length;
        }

        return (null, 0, 0);
    }
}
