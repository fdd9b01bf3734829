using AngleSharp.Html.Parser;
using System.Net;

namespace BizInbox.Tests.Http;

public sealed class FirstRunTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/inbox")]
    [InlineData("/account/login")]
    [InlineData("/settings/team")]
    public async Task BeforeSetup_EveryPageLeadsToSetup(string path)
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Forms.RedirectTarget(response).ShouldBe("/setup");
    }

    [Fact]
    public async Task Setup_CreatesTheOwner_SignsThemIn_AndThenDisappears()
    {
        var client = _app.CreateBrowserLikeClient();

        var response = await Forms.SubmitAsync(client, "/setup", new Dictionary<string, string>
        {
            ["Input.BusinessName"] = "Fahrradladen Nord",
            ["Input.TimeZoneId"] = "Europe/Berlin",
            ["Input.OwnerName"] = "Olga Owner",
            ["Input.Email"] = AppFactory.OwnerEmail,
            ["Input.Password"] = AppFactory.Password,
            ["Input.Confirm"] = AppFactory.Password,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Forms.RedirectTarget(response).ShouldBe("/");
        (await client.GetAsync("/settings/team")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/setup")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _app.CreateBrowserLikeClient().GetAsync("/setup")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Setup_WithMismatchedPasswords_ShowsTheProblemAndCreatesNothing()
    {
        var client = _app.CreateBrowserLikeClient();

        var response = await Forms.SubmitAsync(client, "/setup", new Dictionary<string, string>
        {
            ["Input.BusinessName"] = "Fahrradladen Nord",
            ["Input.OwnerName"] = "Olga Owner",
            ["Input.Email"] = AppFactory.OwnerEmail,
            ["Input.Password"] = AppFactory.Password,
            ["Input.Confirm"] = "something-else-entirely",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#confirm-error[role=alert]")!.TextContent.ShouldBe("The passwords do not match.");
        // What was typed stays, so only the wrong field needs fixing.
        page.QuerySelector("#business")!.GetAttribute("value").ShouldBe("Fahrradladen Nord");
        (await client.GetAsync("/setup")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Setup_PostedWithoutAntiforgeryToken_IsRejected()
    {
        var response = await _app.CreateBrowserLikeClient().PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup",
            ["Input.BusinessName"] = "Evil",
            ["Input.OwnerName"] = "Mallory",
            ["Input.Email"] = "mallory@example.com",
            ["Input.Password"] = AppFactory.Password,
            ["Input.Confirm"] = AppFactory.Password,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _app.CreateBrowserLikeClient().GetAsync("/setup")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpoints_AnswerAnonymously_EvenBeforeSetup(string path)
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task BlazorFrameworkScript_IsServed()
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync("/_framework/blazor.web.js");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Blazor");
    }
}
