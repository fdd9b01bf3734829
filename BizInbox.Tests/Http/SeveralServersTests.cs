using System.Net;
using BizInbox.Tests.Http.Accounts;
using BizInbox.Tests.Realtime.Servers;
using BizInbox.Tests.Support;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Ui;

namespace BizInbox.Tests.Http;

/// <summary>
/// Two app servers of one installation (one database, one Redis): a sign-in, a cache cleared, a message to a web chat
/// visitor and the health report work across them.
/// </summary>
[Collection(RedisTests.Name)]
public sealed class SeveralServersTests(RedisServer redis) : IDisposable
{
    private readonly string _prefix = RedisServer.NewPrefix();
    private readonly List<AppFactory> _servers = [];

    public void Dispose()
    {
        foreach (var server in Enumerable.Reverse(_servers))
        {
            server.Dispose();
        }
    }

    [Fact]
    public async Task ASignInOnOneServer_IsValidOnAnother_WithTheKeysInTheSharedDatabase()
    {
        var first = Server();
        await first.CompleteSetupAsync();
        var browser = new AccountBrowser(first);
        (await Forms.SignInAsync(browser.Client, AppFactory.OwnerEmail, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var second = Server(sharing: first);

        (await AccountBrowser.IsSignedInAsync(AccountBrowser.WithStolenCookie(second, browser.AuthCookieValue!))).ShouldBeTrue();
        Directory.Exists(Path.Combine(first.DataDirectory, "keys")).ShouldBeFalse();
        await using var db = await first.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        (await db.DataProtectionKeys.CountAsync()).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ATimeZoneChangedOnOneServer_IsReadAfreshOnTheOther()
    {
        var first = Server();
        await first.CompleteSetupAsync();
        var second = Server(sharing: first);
        var noon = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
        second.Services.GetRequiredService<BusinessTime>().ToLocal(noon).Offset.ShouldBe(TimeSpan.FromHours(2)); // Berlin in summer

        await using (var db = await first.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync())
        {
            await db.Businesses.ExecuteUpdateAsync(u => u.SetProperty(b => b.TimeZoneId, "Asia/Tokyo"));
        }

        second.Services.GetRequiredService<BusinessTime>().ToLocal(noon).Offset.ShouldBe(TimeSpan.FromHours(2)); // still cached
        first.Services.GetRequiredService<BusinessTime>().ZoneChanged();

        await Eventually.TrueAsync(
            () => second.Services.GetRequiredService<BusinessTime>().ToLocal(noon).Offset == TimeSpan.FromHours(9), "Tokyo time on the other server");
    }

    [Fact]
    public async Task AMessageForAWebChatVisitor_ReachesThemOnTheServerTheyAreConnectedTo()
    {
        var first = Server();
        var second = Server(sharing: first);
        await using var visitor = first.CreateHubConnection(WebChatHub.Path);
        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        visitor.On("MessagesChanged", () => told.TrySetResult());
        await visitor.StartAsync();

        await second.Services.GetRequiredService<IHubContext<WebChatHub>>().Clients.Client(visitor.ConnectionId!).SendAsync("MessagesChanged");

        await told.Task.WaitAsync(Eventually.Patience);
    }

    [Fact]
    public async Task TheHealthReport_SaysRedisAnswers_AndHowFast()
    {
        var server = Server();

        var response = await server.CreateClient().GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await response.Content.ReadAsStringAsync();
        report.ShouldStartWith("Healthy\nredis: Healthy, Redis answers in ");
        report.ShouldEndWith(" ms.");
    }

    private AppFactory Server(AppFactory? sharing = null)
    {
        var server = new AppFactory();
        server.Settings["Redis:Configuration"] = redis.Configuration;
        server.Settings["Redis:Prefix"] = _prefix;
        if (sharing is not null)
        {
            server.Settings["Database:DataDirectory"] = sharing.DataDirectory;
        }

        _servers.Add(server);
        return server;
    }
}
