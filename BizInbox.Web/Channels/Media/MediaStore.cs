using System.Security.Cryptography;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.Media;

/// <summary>
/// Files of conversations in the media storage (<see cref="IMediaStorage"/>), under the key <c>{yyyy}/{MM}/{id}</c>, named
/// by a random id (never by anything a customer chose). The table <see cref="MediaFile"/> says what each file is.
/// </summary>
public sealed class MediaStore(IDbContextFactory<BizInboxDbContext> contexts, IMediaStorage storage, TimeProvider clock)
{

    /// <summary>
    /// Writes the bytes (whole or not at all) and records them, for a conversation
    /// or (<paramref name="conversationId"/> null) for a canned reply.
    /// </summary>
    public async Task<MediaFile> SaveAsync(long? conversationId, byte[] bytes, string mimeType, string? fileName, CancellationToken ct = default)
    {
        await using var content = new MemoryStream(bytes, writable: false);
        return await SaveAsync(conversationId, content, mimeType, fileName, ct);
    }

    /// <summary>
    /// Writes <paramref name="content"/> from its position to its end (streamed, hashed on the way; whole or not at all)
    /// and records it. The stream must be seekable, for its length.
    /// </summary>
    public async Task<MediaFile> SaveAsync(long? conversationId, Stream content, string mimeType, string? fileName, CancellationToken ct = default)
    {
        var id = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var key = string.Join('/', now.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), now.ToString("MM", System.Globalization.CultureInfo.InvariantCulture), id.ToString("N"));
        var length = content.Length - content.Position;
        using var sha = SHA256.Create();
        await using (var hashing = new CryptoStream(content, sha, CryptoStreamMode.Read, leaveOpen: true))
        {
            await storage.WriteAsync(key, hashing, ct);
        }

        var file = MediaFile.Create(id, conversationId, MediaRules.Essence(mimeType), SafeFileName(fileName), length,
            Convert.ToHexStringLower(sha.Hash!), key, now);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.MediaFiles.Add(file);
        await db.SaveChangesAsync(ct);
        return file;
    }

    /// <summary>The file's record, or null.</summary>
    public async Task<MediaFile?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.MediaFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
    }

    /// <summary>Removes the file's bytes and its record.</summary>
    public async Task RemoveAsync(MediaFile file, CancellationToken ct = default)
    {
        DeleteBytes(file);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.MediaFiles.Where(f => f.Id == file.Id).ExecuteDeleteAsync(ct);
    }

    /// <summary>Removes the file's bytes from disk (for a caller that deletes the records itself); a missing file is no error.</summary>
    public void DeleteBytes(MediaFile file) => storage.Delete(file.StorageKey);

    /// <summary>Whether the file's bytes are in the storage.</summary>
    public bool Exists(MediaFile file) => storage.Exists(file.StorageKey);

    /// <summary>Opens the file's bytes for reading (streamed from the storage).</summary>
    public Stream Open(MediaFile file) => storage.OpenRead(file.StorageKey);

    /// <summary>
    /// A temporary file to receive a download before it is checked and stored: on the disk, not in memory, and deleted
    /// when closed.
    /// </summary>
    public static FileStream TemporaryFile() => new(
        Path.Combine(Path.GetTempPath(), $"bizinbox-{Guid.NewGuid():N}.part"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
        FileOptions.Asynchronous | FileOptions.DeleteOnClose);

    public async Task<byte[]> ReadAllAsync(MediaFile file, CancellationToken ct = default)
    {
        await using var stream = Open(file);
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes, ct);
        return bytes.ToArray();
    }

    /// <summary>A file name fit for a Content-Disposition header and a list: no path, no control characters, at most 255 characters.</summary>
    public static string? SafeFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var plain = Path.GetFileName(name.Replace('\\', '/')).Trim();
        plain = new string(plain.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\')).ToArray());
        return plain.Length == 0 ? null : plain.Length <= 255 ? plain : plain[^255..];
    }
}
