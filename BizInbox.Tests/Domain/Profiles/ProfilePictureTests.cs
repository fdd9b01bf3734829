using System.Buffers.Binary;
using BizInbox.Domain;
using BizInbox.Domain.Profiles;

namespace BizInbox.Tests.Domain.Profiles;

public class ProfilePictureTests
{
    /// <summary>The header a PNG encoder writes: signature, then the IHDR chunk with width and height.</summary>
    public static byte[] Png(int width, int height, int size = 64)
    {
        var bytes = new byte[Math.Max(size, 33)];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), (uint)height);
        return bytes;
    }

    /// <summary>SOI, an APP0 segment, then a baseline SOF0 frame header.</summary>
    public static byte[] Jpeg(int width, int height)
    {
        var bytes = new byte[64];
        new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16 }.CopyTo(bytes, 0);
        var sof = 2 + 2 + 16;
        new byte[] { 0xFF, 0xC0, 0, 17, 8 }.CopyTo(bytes, sof);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 7), (ushort)width);
        return bytes;
    }

    [Fact]
    public void Check_AcceptsASquarePngOfTheMinimumSize() => ProfilePicture.Check(Png(192, 192)).ShouldBe("image/png");

    [Fact]
    public void Check_ReadsTheJpegFrameSize()
    {
        ProfilePicture.Read(Jpeg(640, 480)).ShouldBe(("image/jpeg", 640, 480));
        ProfilePicture.Check(Jpeg(640, 640)).ShouldBe("image/jpeg");
    }

    [Fact]
    public void Check_RefusesATooSmallPicture() =>
        Should.Throw<DomainException>(() => ProfilePicture.Check(Png(191, 500))).Code.ShouldBe("profile.picture_too_small");

    [Theory]
    [InlineData(640, 480)]
    [InlineData(192, 193)]
    public void Check_RefusesAPictureThatIsNotSquare(int width, int height)
    {
        Should.Throw<DomainException>(() => ProfilePicture.Check(Png(width, height))).Code.ShouldBe("profile.picture_not_square");
        Should.Throw<DomainException>(() => ProfilePicture.Check(Jpeg(width, height))).Code.ShouldBe("profile.picture_not_square");
    }

    [Fact]
    public void Check_RefusesMoreThanFiveMegabytes() =>
        Should.Throw<DomainException>(() => ProfilePicture.Check(Png(500, 500, ProfilePicture.MaxBytes + 1))).Code.ShouldBe("profile.picture_too_large");

    [Fact]
    public void Check_RefusesAGif() =>
        Should.Throw<DomainException>(() => ProfilePicture.Check("GIF89a\u00c0\u0000\u00c0\u0000"u8.ToArray())).Code.ShouldBe("profile.picture_type");

    [Fact]
    public void Check_RefusesAScriptDisguisedAsAPicture() =>
        Should.Throw<DomainException>(() => ProfilePicture.Check("<script>alert(1)</script> pretending to be photo.png"u8.ToArray())).Code.ShouldBe("profile.picture_type");
}
