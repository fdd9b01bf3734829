using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Http;

/// <summary>
/// An unhandled error in Production: a caller such as Meta's webhook gets a 500 problem response (so it delivers
/// again), a browser a friendly page with status 500; never 200 with another page's HTML, never a stack trace.
/// </summary>
public sealed class ErrorResponseTests : IAsyncLifetime, IDisposable
{
    private const string BrokenPath = "/test-only/broken";
    private const string CutOffPath = "/test-only/cut-off";

    private readonly AppFactory _app = new() { TestServices = s => s.AddSingleton<IStartupFilter>(new Broken()) };

    public async Task InitializeAsync() => await _app.CompleteSetupAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("application/json")]
    [InlineData("*/*")]
    public async Task ACallThatFails_Gets500Problem_WithoutAStackTrace(string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, BrokenPath);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));

        var response = await (await SignedInAsync()).SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("\"status\":500");
        body.ShouldNotContain("Broken on purpose");
        body.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task ARequestCutOffByItsCaller_Gets400_NotAServerError()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, CutOffPath);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json"));

        var response = await (await SignedInAsync()).SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("\"status\":400");
        body.ShouldNotContain("Unexpected end");
    }

    [Fact]
    public async Task APageThatFails_ShowsTheErrorPage_WithStatus500_AndAReference()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, BrokenPath);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/html"));

        var response = await (await SignedInAsync()).SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Something went wrong");
        html.ShouldContain("data-testid=\"error-reference\"");
        html.ShouldNotContain("Broken on purpose");
        html.ShouldNotContain("Sign in");
    }

    [Theory]
    [InlineData("GET", "text/html,application/xhtml+xml,*/*;q=0.8", true)]
    [InlineData("HEAD", "text/html", true)]
    [InlineData("POST", "text/html", false)]
    [InlineData("GET", "application/json", false)]
    [InlineData("GET", "", false)]
    public void OnlyABrowserAskingForAPage_GetsTheErrorPage(string method, string accept, bool page)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Headers.Accept = accept;

        BizInbox.Web.Components.ErrorResponses.IsPageVisit(context.Request).ShouldBe(page);
    }

    // A path without an endpoint is behind the sign-in wall like any page.
    private async Task<HttpClient> SignedInAsync()
    {
        var client = _app.CreateBrowserLikeClient();
        await Forms.SignInAsync(client, AppFactory.OwnerEmail, AppFactory.Password);
        return client;
    }

    /// <summary>Appends a request handler that throws behind the app's own pipeline (reached by a path nothing else answers).</summary>
    private sealed class Broken : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == BrokenPath ? throw new InvalidOperationException("Broken on purpose")
                : context.Request.Path == CutOffPath ? throw new BadHttpRequestException("Unexpected end of request content.")
                : Task.CompletedTask);
        };
    }
}
