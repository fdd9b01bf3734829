using System.IO.Compression;

namespace BizInbox.Web.Security;

/// <summary>The bundled list of the 30,000 most common passwords (see common-passwords.LICENSE.txt); no network call.</summary>
public sealed class CommonPasswords
{
    private readonly Lazy<HashSet<string>> _list = new(Load);

    public bool Contains(string password) => _list.Value.Contains(password);

    private static HashSet<string> Load()
    {
        using var resource = typeof(CommonPasswords).Assembly.GetManifestResourceStream("BizInbox.CommonPasswords.txt.gz")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var list = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                list.Add(line);
            }
        }

        return list;
    }
}
