using BizInbox.Tests.Support;
using System.Net;
using System.Text;
using BizInbox.Domain.Team;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Reports;
using BizInbox.Web.Identity;

namespace BizInbox.Tests.Http;

/// <summary>The report's CSV downloads over HTTP: the figures and one row per conversation, for owners and managers only.</summary>
public sealed class ReportExportEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly AppFactory _app = new();
    private long _conversation;
    private string _query = "";

    public async Task InitializeAsync()
    {
        var owner = await _app.CompleteSetupAsync();
        await _app.AddMemberAsync(owner, TeamRole.Agent, "agent@example.com");
        var chat = _app.Services.GetRequiredService<WebChatService>();
        var (_, visitor) = await chat.StartAsync(await _app.WebChatKeyAsync(), "=HYPERLINK(\"http://evil.example\")", null, null);
        (var message, _conversation) = await chat.SendAsync(visitor, Guid.NewGuid().ToString("N"), "Hello?");
        var principal = _app.Services.MemberFor(owner.Id);
        (await _app.Services.GetRequiredService<ConversationService>().ReplyAsync(principal, _conversation, "Hi!", Guid.NewGuid().ToString("N"), message.Id, sendAnyway: false))
            .Sent.ShouldBeTrue();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        _query = new ReportFilter(today.AddDays(-1), today.AddDays(1)).ToQueryString();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _app.CreateBrowserLikeClient();
        (await Forms.SignInAsync(client, email, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    [Fact]
    public async Task The_owner_downloads_the_figures_and_one_row_per_conversation_with_formulas_neutralised()
    {
        var client = await SignedInAsync(AppFactory.OwnerEmail);

        var summary = await client.GetAsync($"{ReportExportEndpoints.SummaryPath}?{_query}");
        var conversations = await client.GetAsync($"{ReportExportEndpoints.ConversationsPath}?{_query}");

        summary.StatusCode.ShouldBe(HttpStatusCode.OK);
        summary.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        summary.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var figures = Encoding.UTF8.GetString(await summary.Content.ReadAsByteArrayAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        figures[0].ShouldEndWith(string.Join(',', ReportExport.SummaryHeaders));
        figures[1].Split(',')[0].ShouldBe("Total");
        figures[1].Split(',')[2].ShouldBe("1");
        var rows = Encoding.UTF8.GetString(await conversations.Content.ReadAsByteArrayAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        rows.Length.ShouldBe(2);
        rows[1].ShouldStartWith($"{_conversation},\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
    }

    [Fact]
    public async Task An_invalid_range_is_refused_with_the_reason()
    {
        var client = await SignedInAsync(AppFactory.OwnerEmail);

        var response = await client.GetAsync($"{ReportExportEndpoints.SummaryPath}?from=2026-03-01&to=2026-02-01");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("before the start date");
    }

    [Theory]
    [InlineData(ReportExportEndpoints.SummaryPath)]
    [InlineData(ReportExportEndpoints.ConversationsPath)]
    public async Task An_agent_gets_no_export(string path)
    {
        var client = await SignedInAsync("agent@example.com");

        var response = await client.GetAsync($"{path}?{_query}");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("HYPERLINK");
    }

    [Fact]
    public async Task An_agent_opening_the_reports_page_ends_on_a_403()
    {
        var client = await SignedInAsync("agent@example.com");

        var page = await client.GetAsync("/reports");
        var denied = await client.GetAsync(Forms.RedirectTarget(page));

        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await denied.Content.ReadAsStringAsync()).ShouldContain("Access denied");
    }
}
