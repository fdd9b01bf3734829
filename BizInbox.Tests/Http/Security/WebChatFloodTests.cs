using System.Net;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BizInbox.Tests.Http.Security;

public sealed class WebChatFloodTests : IAsyncLifetime, IDisposable
{
    private readonly CapturedLogs _logs = new();
    private readonly AppFactory _app;
    private string _inboxKey = string.Empty;

    public WebChatFloodTests()
    {
        _app = new AppFactory { TestServices = _logs.AddTo };
        _app.Settings["WebChat:Limits:SessionStartsPerConnection"] = "2";
        _app.Settings["WebChat:Limits:SessionStartsPerAddress"] = "4";
        _app.Settings["WebChat:Limits:MessagesPerConnectionPerMinute"] = "3";
        _app.Settings["WebChat:Limits:ConnectionsPerAddressPerMinute"] = "8";
    }

    public async Task InitializeAsync()
    {
        await _app.CompleteSetupAsync();
        _inboxKey = await _app.WebChatKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _app.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task AScriptStartingSessions_IsRefused_AndTheTeamSeesOneEntryForTheFlood()
    {
        var refused = 0;
        for (var connection = 0; connection < 3; connection++)
        {
            await using var hub = _app.CreateHubConnection(WebChatHub.Path);
            await hub.StartAsync();
            for (var start = 0; start < 3; start++)
            {
                try
                {
                    await hub.InvokeAsync<WebChatSession>("StartSession", _inboxKey, $"Bot {connection}-{start}", null, null);
                }
                catch (HubException ex) when (ex.Message.EndsWith("rate_limited", StringComparison.Ordinal))
                {
                    refused++;
                }
            }
        }

        // Two per connection pass, and of those six the address allows four.
        refused.ShouldBe(5);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        (await db.Contacts.CountAsync(c => c.Name.StartsWith("Bot"))).ShouldBe(4);
        var notices = await db.Messages.Where(m => m.Activity == ActivityKind.FloodRefused).ToListAsync();
        notices.Count.ShouldBe(1);
        (await db.Conversations.SingleAsync(c => c.Id == notices[0].ConversationId)).LastMessagePreview.ShouldContain("flood");
        _logs.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => l.Text).ShouldBeEmpty();
        _logs.AllText.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task AVisitorSendingTooFast_IsAskedToWait_WithoutAnErrorInTheLog()
    {
        await using var hub = _app.CreateHubConnection(WebChatHub.Path);
        await hub.StartAsync();
        await hub.InvokeAsync<WebChatSession>("StartSession", _inboxKey, "Quick Typist", null, null);
        for (var i = 0; i < 3; i++)
        {
            await hub.InvokeAsync<WebChatMessage>("SendMessage", $"m{i}", $"Hello {i}");
        }

        var refusal = await Should.ThrowAsync<HubException>(() => hub.InvokeAsync<WebChatMessage>("SendMessage", "m3", "One more"));

        refusal.Message.ShouldEndWith("rate_limited");
        _logs.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => l.Text).ShouldBeEmpty();
    }

    [Fact]
    public async Task TooManyConnectionsFromOneAddress_AreAnswered429()
    {
        var client = _app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            var response = await client.PostAsync($"{WebChatHub.Path}/negotiate?negotiateVersion=1", null);
            statuses.Add(response.StatusCode);
        }

        statuses.Take(8).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(8).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        _logs.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => l.Text).ShouldBeEmpty();
    }

    [Fact]
    public void TypingEvents_PassOncePerInterval_ButAChangeOfStatePassesAtOnce_UntilTheStateFlipsLikeAScript()
    {
        var clock = BizInbox.Tests.Support.Database.TestClock.Create();
        using var perAddress = new BizInbox.Web.Security.InMemoryWindowLimits();
        using var limits = new WebChatLimits(Microsoft.Extensions.Options.Options.Create(new WebChatLimitsOptions()), clock, perAddress);

        limits.TryTyping("c1", true).ShouldBeTrue();
        limits.TryTyping("c1", true).ShouldBeFalse();
        // A person sends and starts the next message at once: both changes reach the team, or it would show a stale state.
        limits.TryTyping("c1", false).ShouldBeTrue();
        limits.TryTyping("c1", true).ShouldBeTrue();
        limits.TryTyping("c1", false).ShouldBeTrue();
        limits.TryTyping("c1", true).ShouldBeTrue();
        limits.TryTyping("c1", false).ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));
        limits.TryTyping("c1", false).ShouldBeTrue();
        limits.TryTyping("c1", false).ShouldBeFalse();
    }
}
