using System.Buffers.Binary;
using BizInbox.Web.Channels.Media;

namespace BizInbox.Tests.Channels.Media;

/// <summary>A voice message recorded in Chromium (Opus in WebM) becomes the Ogg Opus file WhatsApp plays as a voice note, packets unchanged.</summary>
public sealed class OpusRemuxerTests
{
    private sealed record OggPage(byte Flags, long Granule, uint Serial, uint Sequence, bool CrcValid, List<byte[]> Packets, bool EndsOpen);

    private static byte[] Sample(string name)
    {
        using var stream = typeof(OpusRemuxerTests).Assembly.GetManifestResourceStream("Samples." + name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Reads Ogg pages back (RFC 3533), checking each page's CRC and joining packets that span pages.</summary>
    private static List<OggPage> Pages(byte[] ogg)
    {
        var pages = new List<OggPage>();
        var position = 0;
        while (position < ogg.Length)
        {
            ogg.AsSpan(position, 4).SequenceEqual("OggS"u8).ShouldBeTrue();
            int segments = ogg[position + 26], length = 27 + segments;
            var lacing = ogg.AsSpan(position + 27, segments).ToArray();
            var bodyLength = lacing.Sum(b => b);
            var page = ogg.AsSpan(position, length + bodyLength).ToArray();
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(22));
            page.AsSpan(22, 4).Clear();
            var packets = new List<byte[]>();
            var current = new List<byte>();
            var offset = position + length;
            foreach (var lace in lacing)
            {
                current.AddRange(ogg.AsSpan(offset, lace).ToArray());
                offset += lace;
                if (lace < 255)
                {
                    packets.Add([.. current]);
                    current.Clear();
                }
            }

            pages.Add(new OggPage(ogg[position + 5], BinaryPrimitives.ReadInt64LittleEndian(ogg.AsSpan(position + 6)),
                BinaryPrimitives.ReadUInt32LittleEndian(ogg.AsSpan(position + 14)), BinaryPrimitives.ReadUInt32LittleEndian(ogg.AsSpan(position + 18)),
                Crc(page) == crc, packets, current.Count > 0));
            position += length + bodyLength;
        }

        return pages;
    }

    private static uint Crc(byte[] bytes)
    {
        uint crc = 0;
        foreach (var b in bytes)
        {
            crc ^= (uint)b << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }

        return crc;
    }

    /// <summary>An EBML element: id bytes, an 8-byte size (or "unknown", as recorders write it), the payload.</summary>
    private static byte[] Element(byte[] id, byte[] payload, bool unknownSize = false) =>
        [.. id, 0x01, .. unknownSize ? new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF } : BitConverter.GetBytes((long)payload.Length).Reverse().Skip(1), .. payload];

    private static byte[] OpusHead => [.. "OpusHead"u8, 1, 1, 0x38, 0x01, 0x80, 0xBB, 0, 0, 0, 0, 0];

    [Fact]
    public void AChromiumRecording_BecomesAnOggOpusFile_WithValidPages_AndItsLength()
    {
        var ogg = OpusRemuxer.WebMToOgg(Sample("chromium-voice.webm")).ShouldNotBeNull();

        MediaRules.IsOggOpus(ogg).ShouldBeTrue();
        var pages = Pages(ogg);
        pages.ShouldAllBe(p => p.CrcValid && p.Serial == pages[0].Serial);
        pages.Select(p => p.Sequence).ShouldBe(Enumerable.Range(0, pages.Count).Select(i => (uint)i));
        (pages[0].Flags, pages[0].Packets.Single().AsSpan(0, 8).SequenceEqual("OpusHead"u8)).ShouldBe(((byte)0x02, true));
        pages[1].Packets.Single().AsSpan(0, 8).SequenceEqual("OpusTags"u8).ShouldBeTrue();
        pages[^1].Flags.ShouldBe((byte)0x04);
        var audio = pages.Skip(2).SelectMany(p => p.Packets).ToList();
        pages[^1].Granule.ShouldBe(audio.Sum(p => OpusRemuxer.Samples(p)));
        // About a second and a half was recorded, at 48,000 samples a second.
        pages[^1].Granule.ShouldBeInRange(48_000, 48_000 * 3);
    }

    [Fact]
    public void PacketsLongerThan255Bytes_AndMoreThanAPageHolds_ComeOutUnchanged_InOrder()
    {
        // 400 CELT packets of 20 ms (TOC 0xF8), some over 255 bytes, in a Segment and Cluster of unknown size.
        var packets = Enumerable.Range(0, 400).Select(i => (byte[])[0xF8, .. Enumerable.Repeat((byte)i, i % 7 == 0 ? 600 : 40)]).ToList();
        byte[] track = Element([0xAE], [.. Element([0xD7], [1]), .. Element([0x86], "A_OPUS"u8.ToArray()), .. Element([0x63, 0xA2], OpusHead)]);
        var blocks = packets.SelectMany(p => Element([0xA3], [0x81, 0, 0, 0x80, .. p])).ToArray();
        byte[] webm = [.. Element([0x1A, 0x45, 0xDF, 0xA3], Element([0x42, 0x82], "webm"u8.ToArray())),
            .. Element([0x18, 0x53, 0x80, 0x67], [.. Element([0x16, 0x54, 0xAE, 0x6B], track), .. Element([0x1F, 0x43, 0xB6, 0x75], blocks, unknownSize: true)], unknownSize: true)];

        var pages = Pages(OpusRemuxer.WebMToOgg(webm).ShouldNotBeNull());

        pages.Count.ShouldBeGreaterThan(3);
        pages.ShouldAllBe(p => p.CrcValid && !p.EndsOpen);
        pages.Skip(2).SelectMany(p => p.Packets).ShouldBe(packets);
        pages[^1].Granule.ShouldBe(400 * 960);
    }

    [Theory]
    [InlineData(new byte[] { 0xF8 }, 960)] // CELT, 20 ms, one frame
    [InlineData(new byte[] { 0x19 }, 5760)] // SILK, 60 ms, two frames
    [InlineData(new byte[] { 0x6B, 0x05 }, 4800)] // hybrid, 20 ms, five frames (code 3)
    [InlineData(new byte[] { 0x80 }, 120)] // CELT, 2.5 ms
    public void Samples_FollowTheOpusTocByte(byte[] packet, int samples) => OpusRemuxer.Samples(packet).ShouldBe(samples);

    [Fact]
    public void WithoutAnOpusTrack_ThereIsNothingToSend()
    {
        OpusRemuxer.WebMToOgg("not a webm file at all"u8).ShouldBeNull();
        byte[] vorbisOnly = [.. Element([0x1A, 0x45, 0xDF, 0xA3], []), .. Element([0x18, 0x53, 0x80, 0x67],
            [.. Element([0x16, 0x54, 0xAE, 0x6B], Element([0xAE], [.. Element([0xD7], [1]), .. Element([0x86], "A_VORBIS"u8.ToArray())])),
             .. Element([0x1F, 0x43, 0xB6, 0x75], Element([0xA3], [0x81, 0, 0, 0x80, 1, 2, 3]))])];
        OpusRemuxer.WebMToOgg(vorbisOnly).ShouldBeNull();
    }
}
