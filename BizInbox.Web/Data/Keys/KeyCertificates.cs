using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BizInbox.Web.Data.Keys;

/// <summary>Reads the certificates of DataProtection:Certificate; a file that cannot serve stops start-up with its setting named.</summary>
internal static class KeyCertificates
{
    private const string Setting = KeyStoreOptions.Section + ":Certificate";

    /// <summary>The current certificate first, then the previous ones; empty when none is configured.</summary>
    public static IReadOnlyList<X509Certificate2> Load(KeyCertificateOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            return options.Previous.Count == 0
                ? []
                : throw new StartupException($"{Setting}:Previous is set but {Setting}:Path is not: name the certificate that encrypts new keys.");
        }

        return [Load(options, Setting), .. options.Previous.Select((file, i) => Load(file, $"{Setting}:Previous:{i}"))];
    }

    private static X509Certificate2 Load(CertificateFile file, string setting)
    {
        if (string.IsNullOrWhiteSpace(file.Path) || !File.Exists(file.Path))
        {
            throw new StartupException($"{setting}:Path names no readable file ('{file.Path}').");
        }

        if (file.KeyPath is { Length: > 0 } keyPath && !File.Exists(keyPath))
        {
            throw new StartupException($"{setting}:KeyPath names no readable file ('{keyPath}').");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = IsPem(file.Path) ? FromPem(file) : X509CertificateLoader.LoadPkcs12FromFile(file.Path, file.Password);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"{setting}: '{file.Path}' could not be read as a certificate with its private key ({ex.Message.TrimEnd('.')}). " +
                $"Check the file, {setting}:Password and {setting}:KeyPath.", ex);
        }

        // The keys are encrypted to the certificate's RSA key, and reading them back needs its private half.
        using var rsa = certificate.GetRSAPrivateKey();
        return rsa is not null
            ? certificate
            : throw new StartupException($"{setting}: '{file.Path}' holds no RSA private key; the keys it encrypted could not be read back.");
    }

    private static bool IsPem(string path)
    {
        using var reader = new StreamReader(path);
        var start = new char[64];
        var read = reader.ReadBlock(start);
        return new string(start, 0, read).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }

    // Loaded again from PKCS#12 so that the key is not ephemeral, which Windows needs to decrypt with it.
    private static X509Certificate2 FromPem(CertificateFile file)
    {
        using var pem = string.IsNullOrEmpty(file.Password)
            ? X509Certificate2.CreateFromPemFile(file.Path!, file.KeyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(file.Path!, file.Password, file.KeyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }
}
