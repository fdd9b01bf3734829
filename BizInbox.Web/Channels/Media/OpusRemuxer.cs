using System.Buffers.Binary;
using System.Text;

namespace BizInbox.Web.Channels.Media;

/// <summary>
/// Rewraps the Opus audio of a WebM recording (what Chromium's MediaRecorder makes of a voice message) in an Ogg
/// container, the one format WhatsApp plays as a voice note. The audio packets are copied unchanged; only the container
/// changes, so nothing is re-encoded and no quality is lost.
/// </summary>
/// <remarks>
/// WebM is Matroska: nested EBML elements (an id, a size, a payload). Browsers write the Segment and its Clusters with
/// an "unknown" size while recording, so the reader walks the elements in order: it steps into the containers that lead
/// to the audio (Segment, Tracks, TrackEntry, Cluster, BlockGroup) and skips every other element by its size. Ogg Opus
/// is RFC 7845: an identification header page (OpusHead, from the track's CodecPrivate), a comment header page, then
/// pages of audio packets whose granule position counts 48 kHz samples.
/// </remarks>
public static class OpusRemuxer
{
    private const uint Segment = 0x18538067, Tracks = 0x1654AE6B, TrackEntry = 0xAE, Cluster = 0x1F43B675, BlockGroup = 0xA0;
    private const uint CodecId = 0x86, CodecPrivate = 0x63A2, TrackNumber = 0xD7, SimpleBlock = 0xA3, Block = 0xA1, EbmlHeader = 0x1A45DFA3;
    private static readonly byte[] Vendor = Encoding.ASCII.GetBytes("BizInbox");

    /// <summary>Whether the bytes start a WebM (EBML) file.</summary>
    public static bool IsWebM(ReadOnlySpan<byte> bytes) => bytes.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(bytes) == EbmlHeader;

    /// <summary>The Ogg Opus file with the WebM file's Opus audio, or null when it holds no Opus track.</summary>
    public static byte[]? WebMToOgg(ReadOnlySpan<byte> webm)
    {
        var (head, packets) = Read(webm);
        if (head is null || packets.Count == 0)
        {
            return null;
        }

        var ogg = new OggWriter(serial: 0x42495A31);
        ogg.Page([head], granule: 0, first: true, last: false);
        ogg.Page([Tags()], granule: 0, first: false, last: false);
        long granule = 0;
        var page = new List<byte[]>();
        var segments = 0;
        for (var i = 0; i < packets.Count; i++)
        {
            var packet = packets[i];
            var needed = (packet.Length / 255) + 1;
            if (segments + needed > 255 && page.Count > 0)
            {
                ogg.Page(page, granule, first: false, last: false);
                page.Clear();
                segments = 0;
            }

            page.Add(packet);
            segments += needed;
            granule += Samples(packet);
        }

        ogg.Page(page, granule, first: false, last: true);
        return ogg.ToArray();
    }

    /// <summary>The OpusHead of the first Opus track and that track's packets, in order.</summary>
    private static (byte[]? Head, List<byte[]> Packets) Read(ReadOnlySpan<byte> data)
    {
        byte[]? head = null;
        string? codec = null;
        long track = -1, opusTrack = -1;
        var packets = new List<(long Track, byte[] Data)>();
        var position = 0;
        while (position < data.Length)
        {
            if (!TryVarInt(data[position..], keepMarker: true, out var id, out var idLength)
                || !TryVarInt(data[(position + idLength)..], keepMarker: false, out var size, out var sizeLength))
            {
                break;
            }

            var start = position + idLength + sizeLength;
            var unknownSize = size == (1L << (7 * sizeLength)) - 1;
            switch ((uint)id)
            {
                case Segment or Tracks or Cluster or BlockGroup:
                    position = start;
                    continue;
                case TrackEntry:
                    (track, codec) = (-1, null);
                    position = start;
                    continue;
            }

            if (unknownSize || start + size > data.Length)
            {
                break;
            }

            var payload = data.Slice(start, (int)size);
            switch ((uint)id)
            {
                case TrackNumber:
                    track = ReadUnsigned(payload);
                    break;
                case CodecId:
                    codec = Encoding.ASCII.GetString(payload);
                    break;
                case CodecPrivate when payload.StartsWith("OpusHead"u8):
                    head = payload.ToArray();
                    break;
                case SimpleBlock or Block when TryVarInt(payload, keepMarker: false, out var blockTrack, out var trackLength) && payload.Length > trackLength + 3:
                    // Track number, a 16-bit timecode and a flags byte; Chromium writes no lacing (one packet per block).
                    if ((payload[trackLength + 2] & 0x06) == 0)
                    {
                        packets.Add((blockTrack, payload[(trackLength + 3)..].ToArray()));
                    }

                    break;
            }

            if (codec == "A_OPUS" && track >= 0 && opusTrack < 0)
            {
                opusTrack = track;
            }

            position = start + (int)size;
        }

        return (head, [.. packets.Where(p => p.Track == opusTrack).Select(p => p.Data)]);
    }

    /// <summary>How many 48 kHz samples an Opus packet decodes to (RFC 6716, 3.1: its TOC byte and frame count).</summary>
    internal static int Samples(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return 0;
        }

        var config = packet[0] >> 3;
        var frameSamples = config switch
        {
            < 12 => new[] { 480, 960, 1920, 2880 }[config & 3],
            < 16 => (config & 1) == 0 ? 480 : 960,
            _ => new[] { 120, 240, 480, 960 }[config & 3],
        };
        var frames = (packet[0] & 3) switch
        {
            0 => 1,
            1 or 2 => 2,
            _ => packet.Length > 1 ? packet[1] & 0x3F : 0,
        };
        return frameSamples * frames;
    }

    private static byte[] Tags()
    {
        var tags = new byte[8 + 4 + Vendor.Length + 4];
        "OpusTags"u8.CopyTo(tags);
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(8), (uint)Vendor.Length);
        Vendor.CopyTo(tags, 12);
        return tags;
    }

    /// <summary>An EBML variable-length integer: the id keeps its length marker, a size does not.</summary>
    private static bool TryVarInt(ReadOnlySpan<byte> data, bool keepMarker, out long value, out int length)
    {
        value = 0;
        length = 0;
        if (data.IsEmpty || data[0] == 0)
        {
            return false;
        }

        length = System.Numerics.BitOperations.LeadingZeroCount((uint)data[0]) - 23;
        if (length > 8 || data.Length < length)
        {
            return false;
        }

        value = keepMarker ? data[0] : data[0] & (0xFF >> length);
        for (var i = 1; i < length; i++)
        {
            value = (value << 8) | data[i];
        }

        return true;
    }

    private static long ReadUnsigned(ReadOnlySpan<byte> payload)
    {
        long value = 0;
        foreach (var b in payload[..Math.Min(payload.Length, 8)])
        {
            value = (value << 8) | b;
        }

        return value;
    }

    /// <summary>Writes Ogg pages (RFC 3533) of one logical stream.</summary>
    private sealed class OggWriter(uint serial)
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _out = new();
        private uint _sequence;

        public void Page(IReadOnlyList<byte[]> packets, long granule, bool first, bool last)
        {
            var lacing = new List<byte>();
            foreach (var packet in packets)
            {
                lacing.AddRange(Enumerable.Repeat((byte)255, packet.Length / 255));
                lacing.Add((byte)(packet.Length % 255));
            }

            var header = new byte[27 + lacing.Count];
            "OggS"u8.CopyTo(header);
            header[5] = (byte)((first ? 0x02 : 0) | (last ? 0x04 : 0));
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(6), granule);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(14), serial);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(18), _sequence++);
            header[26] = (byte)lacing.Count;
            lacing.CopyTo(header, 27);
            var body = packets.SelectMany(p => p).ToArray();
            var crc = OggCrc.Compute(OggCrc.Compute(0, header), body);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(22), crc);
            System.Buffers.BuffersExtensions.Write(_out, header);
            System.Buffers.BuffersExtensions.Write(_out, body);
        }

        public byte[] ToArray() => _out.WrittenSpan.ToArray();
    }

    /// <summary>Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, starting at zero, no final XOR.</summary>
    internal static class OggCrc
    {
        private static readonly uint[] Table = Enumerable.Range(0, 256).Select(i =>
        {
            var r = (uint)i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }

            return r;
        }).ToArray();

        public static uint Compute(uint crc, ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                crc = (crc << 8) ^ Table[(byte)(crc >> 24) ^ b];
            }

            return crc;
        }
    }
}
