using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web;
using BizInbox.Web.Data.Keys;

namespace BizInbox.Tests.Http.Security;

public sealed class KeyCertificatesTests : IDisposable
{
    private readonly string _directory = ScratchDirectory.Create("bizinbox-certs-");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void NoCertificate_MeansNone()
    {
        KeyCertificates.Load(new KeyCertificateOptions()).ShouldBeEmpty();
    }

    [Fact]
    public void APfxAndAPemPair_LoadWithTheirPrivateKeys_CurrentFirst()
    {
        var (pem, key) = TestCertificates.WritePemPair(_directory, "current");
        var pfx = TestCertificates.WritePfx(_directory, "previous");

        var certificates = KeyCertificates.Load(new KeyCertificateOptions
        {
            Path = pem,
            KeyPath = key,
            Previous = [new CertificateFile { Path = pfx, Password = TestCertificates.Password }],
        });

        certificates.Select(c => c.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false)).ShouldBe(["current", "previous"]);
        certificates.ShouldAllBe(c => c.HasPrivateKey);
    }

    [Fact]
    public void AMissingFile_StopsStartup_NamingTheSetting()
    {
        var refused = Should.Throw<StartupException>(() => KeyCertificates.Load(new KeyCertificateOptions { Path = Path.Combine(_directory, "gone.pfx") }));

        refused.Message.ShouldContain("DataProtection:Certificate:Path");
        refused.Message.ShouldContain("gone.pfx");
    }

    [Fact]
    public void AWrongPassword_StopsStartup()
    {
        var pfx = TestCertificates.WritePfx(_directory, "current");

        var refused = Should.Throw<StartupException>(() => KeyCertificates.Load(new KeyCertificateOptions { Path = pfx, Password = "wrong" }));

        refused.Message.ShouldContain("could not be read as a certificate with its private key");
    }

    [Fact]
    public void ACertificateWithoutItsKey_StopsStartup()
    {
        var (pem, _) = TestCertificates.WritePemPair(_directory, "public-only");

        Should.Throw<StartupException>(() => KeyCertificates.Load(new KeyCertificateOptions { Path = pem }))
            .Message.ShouldContain("DataProtection:Certificate");
    }

    [Fact]
    public void APreviousCertificate_WithoutACurrentOne_StopsStartup()
    {
        var pfx = TestCertificates.WritePfx(_directory, "previous");

        Should.Throw<StartupException>(() => KeyCertificates.Load(new KeyCertificateOptions { Previous = [new CertificateFile { Path = pfx }] }))
            .Message.ShouldContain("DataProtection:Certificate:Previous is set");
    }
}
