namespace BizInbox.Web.Channels.Media;

/// <summary>
/// Where the bytes of media files live, by storage key. With several servers every server must reach the same bytes:
/// a shared directory (NFS, a mounted volume) is the first such storage.
/// </summary>
public interface IMediaStorage
{
    /// <summary>Writes <paramref name="content"/> under <paramref name="key"/>, whole or not at all.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken ct = default);

    /// <summary>Opens the bytes for reading; <see cref="FileNotFoundException"/> when there are none.</summary>
    Stream OpenRead(string key);

    bool Exists(string key);

    /// <summary>Deletes the bytes; missing bytes are no error.</summary>
    void Delete(string key);
}

/// <summary>The "Media" configuration section.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>The directory of media files; empty = <c>media</c> in the data directory. Relative to the content root.</summary>
    public string? Directory { get; set; }
}

/// <summary>
/// Media in a directory, under <c>{directory}/{key}</c>: the data directory's <c>media</c> folder on one server, a shared
/// directory (NFS, a mounted volume) that every server mounts when there are several.
/// </summary>
public sealed class DirectoryMediaStorage(string root) : IMediaStorage
{
    public string Root { get; } = Path.GetFullPath(root);

    public static DirectoryMediaStorage For(MediaOptions options, Data.DataDirectory dataDirectory, IHostEnvironment environment) =>
        new(string.IsNullOrWhiteSpace(options.Directory)
            ? Path.Combine(dataDirectory.Path, "media")
            : Path.Combine(environment.ContentRootPath, options.Directory));

    public async Task WriteAsync(string key, Stream content, CancellationToken ct = default)
    {
        var path = FullPath(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A temporary name first, so that a crash (or a reader on another server) never sees half a file.
        var temporary = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, ct);
            }

            File.Move(temporary, path);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public Stream OpenRead(string key) => new FileStream(FullPath(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public bool Exists(string key) => File.Exists(FullPath(key));

    public void Delete(string key)
    {
        var path = FullPath(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private string FullPath(string key)
    {
        var path = Path.GetFullPath(Path.Combine(Root, key));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException("A media file's key points outside the media store.");
    }
}
