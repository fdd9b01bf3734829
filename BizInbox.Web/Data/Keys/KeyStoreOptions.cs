namespace BizInbox.Web.Data.Keys;

public enum KeyStore
{
    /// <summary>The directory on SQLite (one server), the database on PostgreSQL and SQL Server or when Redis is configured (several servers).</summary>
    Auto,
    Directory,
    Database,
}

/// <summary>
/// The "DataProtection" section: where the keys that sign cookies and encrypt stored secrets live, and how they are
/// encrypted there.
/// </summary>
public sealed class KeyStoreOptions
{
    public const string Section = "DataProtection";

    public KeyStore KeyStore { get; set; } = KeyStore.Auto;

    /// <summary>For the directory store: instead of <c>keys</c> in the data directory (e.g. a volume several servers mount).</summary>
    public string? KeyDirectory { get; set; }

    public KeyCertificateOptions Certificate { get; set; } = new();
}

/// <summary>A certificate with its private key: a PKCS#12 file (with <see cref="Password"/>) or PEM (with <see cref="KeyPath"/>, or the key in the same file).</summary>
public class CertificateFile
{
    public string? Path { get; set; }

    public string? Password { get; set; }

    public string? KeyPath { get; set; }
}

/// <summary>The certificate that encrypts new keys, and earlier ones that still decrypt keys they encrypted.</summary>
public sealed class KeyCertificateOptions : CertificateFile
{
    public List<CertificateFile> Previous { get; set; } = [];
}
