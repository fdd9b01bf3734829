using System.Text;
using BizInbox.Web.Channels.WhatsApp;

namespace BizInbox.Tests.Channels.WhatsApp;

public class WebhookSignatureTests
{
    private const string Secret = "app-secret-123";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account","entry":[]}""");

    [Fact]
    public void IsValid_ForMetasSignatureOfTheRawBody() =>
        WebhookSignature.IsValid(Body, WebhookSignature.Sign(Body, Secret), Secret).ShouldBeTrue();

    [Fact]
    public void IsValid_AcceptsUpperCaseHex() =>
        WebhookSignature.IsValid(Body, "sha256=" + WebhookSignature.Sign(Body, Secret)[7..].ToUpperInvariant(), Secret).ShouldBeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=0123456789abcdef0123456789abcdef01234567")]
    [InlineData("sha256=zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void IsValid_RefusesMissingMalformedOrWrongHeaders(string? header) =>
        WebhookSignature.IsValid(Body, header, Secret).ShouldBeFalse();

    [Fact]
    public void IsValid_RefusesASignatureMadeWithAnotherSecret() =>
        WebhookSignature.IsValid(Body, WebhookSignature.Sign(Body, "other-secret"), Secret).ShouldBeFalse();

    [Fact]
    public void IsValid_RefusesATamperedBody()
    {
        var tampered = Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account","entry":[{}]}""");

        WebhookSignature.IsValid(tampered, WebhookSignature.Sign(Body, Secret), Secret).ShouldBeFalse();
    }

    [Fact]
    public void IsValid_WithoutAConfiguredSecret_RefusesEverything() =>
        WebhookSignature.IsValid(Body, WebhookSignature.Sign(Body, string.Empty), string.Empty).ShouldBeFalse();
}
