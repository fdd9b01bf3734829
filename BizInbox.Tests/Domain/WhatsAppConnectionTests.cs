using BizInbox.Domain;
using BizInbox.Domain.Channels;

namespace BizInbox.Tests.Domain;

public class WhatsAppConnectionTests
{
    [Theory]
    [InlineData(null, "https://graph.facebook.com")]
    [InlineData("https://graph.facebook.com/", "https://graph.facebook.com")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000")]
    [InlineData("https://inbox.example.com/simulator/graph/", "https://inbox.example.com/simulator/graph")]
    public void GraphBaseUrl_TakesAHostOrAHostWithAPath(string? input, string expected) =>
        Connect(input).GraphBaseUrl.ShouldBe(expected);

    [Theory]
    [InlineData("graph.facebook.com")]
    [InlineData("ftp://graph.facebook.com")]
    [InlineData("https://graph.facebook.com/?access_token=x")]
    [InlineData("https://graph.facebook.com/#x")]
    [InlineData("https://user:pass@graph.facebook.com")]
    public void GraphBaseUrl_RefusesAnythingElse(string input) =>
        Should.Throw<DomainException>(() => Connect(input)).Code.ShouldBe("whatsapp.base_url_invalid");

    private static WhatsAppConnection Connect(string? graphBaseUrl) =>
        WhatsAppConnection.Create(1, "106540352242922", "102290129340398", "+49 40 1234567", "p1", "p2", "p3", null, graphBaseUrl);
}
