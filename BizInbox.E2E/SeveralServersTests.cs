using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>
/// Two app servers on one PostgreSQL database and one redis-server, behind nginx as the README sets them up: what a
/// customer or Meta sends to one server shows on the other's screens at once, a reply leaves once, who is viewing shows
/// across servers, and when a server stops its visitors carry on on the other.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class SeveralServersTests(BrowserFixture browser, PostgresServer postgres, RedisServer redis)
    : SeveralServersTest(browser, postgres, redis), IClassFixture<PostgresServer>, IClassFixture<RedisServer>
{
    [Fact]
    public Task WhatArrivesOnOneServer_ShowsOnTheOther_AReplyLeavesOnce_AndVisitorsOutliveAServer() => ScenarioAsync(async () =>
    {
        var owner = await A.CompleteSetupAsync("olga@example.com");
        await A.AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        await WhatsAppSetup.ConnectAsync(A, owner, Graph);
        var olga = await SignedInAsync("a", "olga@example.com", "olga");

        // A customer on the web chat, through nginx to server B.
        var customer = new CustomerChat(await OnServerAsync("b", "customer"));
        await customer.GotoAsync(await A.WebChatKeyAsync());
        await customer.StartAsync("Clara Kundin", "Hallo über Server B");
        await Expect(olga.Rows.Filter(new() { HasText = "Clara Kundin" })).ToContainTextAsync("Hallo über Server B");

        // Meta's webhook reaches server B (its secrets were connected on A).
        await WhatsAppSetup.PostWebhookAsync(B, WhatsAppSetup.CustomerText("wamid.b-1", "4915123456789", "Walter Whats", "Ist mein Rad fertig?"));
        var whatsAppRow = olga.Rows.Filter(new() { HasText = "Walter Whats" });
        await Expect(whatsAppRow).ToContainTextAsync("Ist mein Rad fertig?");
        var conversationId = long.Parse(await whatsAppRow.GetAttributeAsync("data-conversation") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        // Anna works on server B: Olga on A sees her viewing.
        var anna = await SignedInAsync("b", "anna@example.com", "anna");
        await olga.OpenAsync(conversationId);
        await anna.OpenAsync(conversationId);
        await Expect(olga.Presence).ToContainTextAsync("Anna Agent is viewing");

        // Olga's reply is queued on A; whichever server's worker claims it, it reaches Meta once.
        await olga.ReplyAsync("Ja, heute ab 15 Uhr.");
        await Expect(anna.Message("Ja, heute ab 15 Uhr.")).ToBeVisibleAsync();
        await Graph.WaitForSendAsync(s => s.Json.GetProperty("text").GetProperty("body").GetString() == "Ja, heute ab 15 Uhr.");
        await SentJobDoneAsync();
        Graph.Sends.Count(s => s.Json.GetProperty("text").GetProperty("body").GetString() == "Ja, heute ab 15 Uhr.").ShouldBe(1);

        // Server B stops: nginx sends Anna's browser to A, where her screen reloads and goes on live; the customer carries on.
        B.Dispose();
        await olga.AddNoteAsync("Rad steht an der Kasse");
        await Expect(anna.Message("Rad steht an der Kasse")).ToContainTextAsync("Private note");
        await Expect(olga.Presence).ToContainTextAsync("Anna Agent is viewing");
        await customer.SendAsync("Noch jemand da?");
        await olga.Rows.Filter(new() { HasText = "Clara Kundin" }).ClickAsync();
        await Expect(olga.Message("Noch jemand da?")).ToBeVisibleAsync();
        (await A.MessagesOfContactAsync("Clara Kundin")).ShouldBe(["Hallo über Server B", "Noch jemand da?"]);
        var log = File.ReadAllText(B.LogFile);
        var unhandled = log.IndexOf("Unhandled exception", StringComparison.OrdinalIgnoreCase);
        unhandled.ShouldBe(-1, unhandled < 0 ? null : $"Server B logged: {log[Math.Max(0, unhandled - 300)..Math.Min(log.Length, unhandled + 4000)]}");
    });

    /// <summary>Waits until the outbox has marked the send done, so that no second send can follow.</summary>
    private Task SentJobDoneAsync() => EventuallyAsync(async () =>
    {
        await using var db = await A.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        return await db.ChannelJobs.AnyAsync(j => j.Kind == ChannelJobKind.SendMessage && j.State == ChannelJobState.Done);
    }, "the reply's outbox job never finished");
}
