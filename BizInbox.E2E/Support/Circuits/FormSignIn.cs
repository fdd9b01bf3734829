using System.Net;
using System.Text.RegularExpressions;

namespace BizInbox.E2E.Support.Circuits;

/// <summary>Signs in through the real sign-in form over HTTP (antiforgery token included) and returns the cookies it set.</summary>
internal static partial class FormSignIn
{
    private const string SignInCookie = "BizInbox.Auth";

    public static async Task<CookieContainer> SignInAsync(Uri baseUri, string email, string password, CancellationToken ct = default)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUri };
        var form = await http.GetStringAsync("account/login", ct);
        var token = AntiforgeryToken().Match(form);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        }

        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        using var response = await http.PostAsync("account/login", body, ct);
        if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(baseUri)[SignInCookie] is null)
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode} without a sign-in cookie.");
        }

        return cookies;
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""(?<value>[^""]+)""|<input[^>]*value=""(?<value>[^""]+)""[^>]*name=""__RequestVerificationToken""")]
    private static partial Regex AntiforgeryToken();
}
