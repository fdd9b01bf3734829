using System.Security.Cryptography;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.Media;

/// <summary>
/// Files of conversations on the local disk, under <c>{data directory}/media/{yyyy}/{MM}/{id}</c>, named by a random id
/// (never by anything a customer chose). The table <see cref="MediaFile"/> says what each file is.
/// </summary>
public sealed class MediaStore(IDbContextFactory<BizInboxDbContext> contexts, DataDirectory dataDirectory, TimeProvider clock)
{
    private string Root => Path.Combine(dataDirectory.Path, "media");

    /// <summary>
    /// Writes the bytes (to a temporary name first, so a crash leaves no half file) and records them, for a conversation
    /// or (<paramref name="conversationId"/> null) for a canned reply.
    /// </summary>
    public async Task<MediaFile> SaveAsync(long? conversationId, byte[] bytes, string mimeType, string? fileName, CancellationToken ct = default)
    {
        var id = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var key = Path.Combine(now.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), now.ToString("MM", System.Globalization.CultureInfo.InvariantCulture), id.ToString("N"));
        var path = Path.Combine(Root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        await File.WriteAllBytesAsync(temporary, bytes, ct);
        File.Move(temporary, path);
        var file = MediaFile.Create(id, conversationId, MediaRules.Essence(mimeType), SafeFileName(fileName), bytes.LongLength,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), key.Replace('\\', '/'), now);
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
    public void DeleteBytes(MediaFile file)
    {
        var path = FullPath(file);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Whether the file's bytes are on disk.</summary>
    public bool Exists(MediaFile file) => File.Exists(FullPath(file));

    /// <summary>Opens the file's bytes for reading.</summary>
    public Stream Open(MediaFile file) => File.OpenRead(FullPath(file));

    public Task<byte[]> ReadAllAsync(MediaFile file, CancellationToken ct = default) => File.ReadAllBytesAsync(FullPath(file), ct);

    private string FullPath(MediaFile file)
    {
        var path = Path.GetFullPath(Path.Combine(Root, file.StorageKey));
        return path.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException("A media file's key points outside the media store.");
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
