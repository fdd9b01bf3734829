using System.Buffers.Binary;
using System.Text;

namespace BizInbox.E2E.Support.Circuits;

/// <summary>
/// Reads the string table of a render batch as the server writes it (RenderBatchWriter) and blazor.web.js reads it
/// (OutOfProcessRenderBatch): every text, markup, element and attribute string the batch puts on the screen, each
/// length-prefixed UTF-8 (LEB128, as BinaryWriter writes), followed by a table of their positions; the batch ends with
/// five section positions, the last of which is where that table starts.
/// </summary>
internal static class RenderBatchStrings
{
    private const int SectionPositions = 5 * sizeof(int);

    public static IReadOnlyList<string> Read(ReadOnlySpan<byte> batch)
    {
        if (batch.Length < SectionPositions)
        {
            throw new InvalidDataException($"A render batch of {batch.Length} bytes has no section table.");
        }

        var tableStart = BinaryPrimitives.ReadInt32LittleEndian(batch[^sizeof(int)..]);
        var tableEnd = batch.Length - SectionPositions;
        if (tableStart < 0 || tableStart > tableEnd || (tableEnd - tableStart) % sizeof(int) != 0)
        {
            throw new InvalidDataException($"The string table of a render batch starts at {tableStart} of {batch.Length} bytes.");
        }

        var strings = new string[(tableEnd - tableStart) / sizeof(int)];
        for (var i = 0; i < strings.Length; i++)
        {
            var position = BinaryPrimitives.ReadInt32LittleEndian(batch[(tableStart + i * sizeof(int))..]);
            var length = ReadLength(batch, ref position);
            strings[i] = Encoding.UTF8.GetString(batch.Slice(position, length));
        }

        return strings;
    }

    private static int ReadLength(ReadOnlySpan<byte> batch, ref int position)
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var part = batch[position++];
            length |= (part & 0x7F) << shift;
            if ((part & 0x80) == 0)
            {
                return length;
            }
        }
    }
}
