using AngleSharp.Html.Parser;

namespace BizInbox.Tests.Http;

/// <summary>Fills and posts a server-rendered form the way a browser would, antiforgery token included.</summary>
internal static class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, string pageUrl, IDictionary<string, string> fields, string formSelector = "form[method=post]")
    {
        var page = await client.GetAsync(pageUrl);
        page.EnsureSuccessStatusCode();
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var form = document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form on {pageUrl}.");
        var values = form.QuerySelectorAll("input[type=hidden]")
            .Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>Where a redirect points, as a local path and query; fails if it leaves the app.</summary>
    public static string RedirectTarget(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException("Not a redirect.");
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }

        location.Host.ShouldBe("localhost");
        return location.PathAndQuery;
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        SubmitAsync(client, "/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
}
