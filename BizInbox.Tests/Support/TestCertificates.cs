using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BizInbox.Tests.Support;

/// <summary>Self-signed RSA certificates written to files, as an operator would hand them to the app.</summary>
internal static class TestCertificates
{
    public const string Password = "pfx-password";

    /// <summary>A PKCS#12 file with the private key, protected by <see cref="Password"/>.</summary>
    public static string WritePfx(string directory, string name)
    {
        using var certificate = Create(name, out var rsa);
        using (rsa)
        {
            var path = Path.Combine(directory, name + ".pfx");
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
            return path;
        }
    }

    /// <summary>A PEM certificate and its unencrypted PKCS#8 key in a second file.</summary>
    public static (string Certificate, string Key) WritePemPair(string directory, string name)
    {
        using var certificate = Create(name, out var rsa);
        using (rsa)
        {
            var certificatePath = Path.Combine(directory, name + ".crt");
            var keyPath = Path.Combine(directory, name + ".key");
            File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
            File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
            return (certificatePath, keyPath);
        }
    }

    private static X509Certificate2 Create(string name, out RSA rsa)
    {
        rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }
}
