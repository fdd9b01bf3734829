using System.Net;
using BizInbox.Web.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace BizInbox.Tests.Http.Security;

public sealed class SecurityHeadersTests : IDisposable
{
    private readonly AppFactory _app = new() { TestServices = ClientAddress.AddTo };

    public SecurityHeadersTests() => _app.CompleteSetupAsync().GetAwaiter().GetResult();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/")]
    [InlineData("/not-a-page")]
    [InlineData("/css/app.css")]
    public async Task ConsoleResponses_AllowOnlyTheAppsOwnScripts_AndCannotBeFramed(string path)
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync(path);

        var policy = Header(response, "Content-Security-Policy");
        policy.ShouldContain("script-src 'self';");
        policy.ShouldContain("default-src 'self'");
        policy.ShouldContain("object-src 'none'");
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldNotContain("unsafe-eval");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "Referrer-Policy").ShouldBe("same-origin");
        Header(response, "Permissions-Policy").ShouldContain("camera=()");
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task TheCustomersChatPage_MayBeFramedByAnySite_ButTheDemoShopOnlyByTheApp()
    {
        var client = _app.CreateBrowserLikeClient();

        Header(await client.GetAsync("/chat"), "Content-Security-Policy").ShouldContain("frame-ancestors *");
        Header(await client.GetAsync(SecurityHeaders.DemoPagePath), "Content-Security-Policy").ShouldContain("frame-ancestors 'self'");
    }

    [Fact]
    public void Kestrel_SendsNoServerBanner() =>
        _app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader.ShouldBeFalse();

    [Fact]
    public async Task BehindATlsProxyOnThisMachine_TheAntiforgeryCookieIsSecure_AndHstsIsSent()
    {
        var client = _app.CreateBrowserLikeClient();
        client.BaseAddress = new Uri("http://bizinbox.example/");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var login = await client.GetAsync("/account/login");

        Header(login, "Strict-Transport-Security").ShouldContain("max-age=");
        Header(login, "Content-Security-Policy").ShouldContain("wss://bizinbox.example");
        login.Headers.GetValues("Set-Cookie").ShouldAllBe(cookie => cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ForwardedHeadersFromAnUnknownAddress_AreIgnored()
    {
        var client = ClientAddress.From(_app, "203.0.113.50");
        client.BaseAddress = new Uri("http://bizinbox.example/");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var login = await client.GetAsync("/account/login");

        login.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        login.Headers.GetValues("Set-Cookie").ShouldAllBe(cookie => !cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AConfiguredProxyNetwork_IsTrusted()
    {
        using var app = new AppFactory { TestServices = ClientAddress.AddTo };
        app.Settings["ReverseProxy:KnownNetworks:0"] = "10.1.0.0/16";
        var client = ClientAddress.From(app, "10.1.2.3");
        client.BaseAddress = new Uri("http://bizinbox.example/");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var response = await client.GetAsync("/health/live");

        Header(response, "Strict-Transport-Security").ShouldContain("max-age=");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new ShouldAssertException($"{name} is missing on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode}).");
}
