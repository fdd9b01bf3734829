using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace BizInbox.Tests.Http.Accounts;

/// <summary>A browser with a cookie jar the test can read, so that it can hand a copy of the sign-in cookie to someone else.</summary>
internal sealed class AccountBrowser
{
    public const string AuthCookie = "BizInbox.Auth";

    private readonly CookieContainer _cookies = new();

    public AccountBrowser(AppFactory app) => Client = app.CreateDefaultClient(new CookieContainerHandler(_cookies));

    public HttpClient Client { get; }

    public string? AuthCookieValue => _cookies.GetCookies(new Uri("http://localhost/"))[AuthCookie]?.Value;

    /// <summary>A client that sends nothing but a copy of the given sign-in cookie, as a thief would.</summary>
    public static HttpClient WithStolenCookie(AppFactory app, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{AuthCookie}={cookie}");
        return client;
    }

    /// <summary>Whether a page for signed-in members opens (200) rather than sending to sign-in.</summary>
    public static async Task<bool> IsSignedInAsync(HttpClient client)
    {
        var response = await client.GetAsync("/account/password");
        return response.StatusCode == HttpStatusCode.OK;
    }

    public async Task<string> PageTextAsync(string url) =>
        new HtmlParser().ParseDocument(await (await Client.GetAsync(url)).Content.ReadAsStringAsync()).Body!.TextContent;

    public static async Task<string> TextAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).Body!.TextContent;

    public static async Task<string?> TestIdTextAsync(HttpResponseMessage response, string testId) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync())
            .QuerySelector($"[data-testid={testId}]")?.TextContent.Trim();
}
