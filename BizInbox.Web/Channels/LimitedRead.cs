using System.Buffers;

namespace BizInbox.Web.Channels;

/// <summary>A stream held more bytes than its limit; reading stopped one byte past it.</summary>
public sealed class ContentTooLargeException(long limit) : Exception($"The file is larger than {limit / 1024 / 1024.0:0.#} MB.")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// Reads a request body, an upload or a download with a size limit: a declared length over the limit is refused before
/// reading, and reading stops one byte past the limit whatever the sender declared, so a liar costs nothing.
/// </summary>
public static class LimitedRead
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/>; returns the bytes copied.</summary>
    /// <exception cref="ContentTooLargeException">The source has more than <paramref name="limit"/> bytes.</exception>
    public static async Task<long> CopyAsync(Stream source, Stream destination, long limit, long? declaredLength, CancellationToken ct)
    {
        if (declaredLength > limit)
        {
            throw new ContentTooLargeException(limit);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - total + 1)), ct)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    throw new ContentTooLargeException(limit);
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads <paramref name="source"/> to its end into memory (for small limits: a webhook, a picture).</summary>
    /// <exception cref="ContentTooLargeException">The source has more than <paramref name="limit"/> bytes.</exception>
    public static async Task<byte[]> ReadAllAsync(Stream source, long limit, long? declaredLength, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await CopyAsync(source, buffer, limit, declaredLength, ct);
        return buffer.ToArray();
    }
}
