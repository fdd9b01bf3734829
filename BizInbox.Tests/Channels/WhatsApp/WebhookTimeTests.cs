using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Features.Inbox;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>A message's time is WhatsApp's timestamp (when the customer sent it); when it arrived is kept beside it.</summary>
public sealed class WebhookTimeTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task ARetriedWebhookArrivingLate_SortsWhereItWasSent_AndKeepsItsArrival()
    {
        var customer = WebhookApp.NewCustomer();
        var sentFirst = DateTimeOffset.UtcNow.AddHours(-2);
        var sentSecond = DateTimeOffset.UtcNow.AddHours(-1);
        var before = DateTimeOffset.UtcNow;
        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Text("wamid.second-" + customer, customer, "Second", sentSecond)));
        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Text("wamid.first-" + customer, customer, "First", sentFirst)));

        var stored = await app.IncomingAsync(customer);
        stored.Select(m => m.Text).ShouldBe(["Second", "First"], "stored in the order they arrived");
        stored.Select(m => m.CreatedAt.ToUnixTimeSeconds()).ShouldBe([sentSecond.ToUnixTimeSeconds(), sentFirst.ToUnixTimeSeconds()]);
        stored.ShouldAllBe(m => m.ReceivedAt >= before);
        var conversation = await app.ConversationAsync(customer);
        var thread = await app.Service<ThreadQueries>().MessagesAsync(conversation.Id, null);
        thread.Messages.Select(m => m.Text).ShouldBe(["First", "Second"]);
        (conversation.LastMessagePreview, conversation.LastActivityAt.ToUnixTimeSeconds(), conversation.CreatedAt.ToUnixTimeSeconds())
            .ShouldBe(("Second", sentSecond.ToUnixTimeSeconds(), sentSecond.ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task Paging_FollowsTheTimeOfSending_NotTheOrderOfArrival()
    {
        var customer = WebhookApp.NewCustomer();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var count = ThreadQueries.PageSize + 5;
        // Delivered newest first, as a backlog flushed by Meta might be: every one arrives after every later-sent one.
        for (var i = count - 1; i >= 0; i--)
        {
            await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Text($"wamid.p{i}-{customer}", customer, $"Message {i}", start.AddMinutes(i))));
        }

        var conversation = await app.ConversationAsync(customer);
        var threads = app.Service<ThreadQueries>();
        var newest = await threads.MessagesAsync(conversation.Id, null);
        var older = await threads.MessagesAsync(conversation.Id, ThreadCursor.Of(newest.Messages[0]));

        newest.Messages.Select(m => m.Text).ShouldBe(Enumerable.Range(5, ThreadQueries.PageSize).Select(i => $"Message {i}"));
        older.Messages.Select(m => m.Text).ShouldBe(Enumerable.Range(0, 5).Select(i => $"Message {i}"));
        older.HasOlder.ShouldBeFalse();
    }

    [Fact]
    public async Task AWebhook_IsNotedAsTheNumbersLastArrival_InTheBatchThatStoresIt()
    {
        var customer = WebhookApp.NewCustomer();
        var before = DateTimeOffset.UtcNow;
        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Text("wamid.arrival-" + customer, customer, "Hallo", before)));

        await using var db = app.CreateDbContext();
        var connection = await db.WhatsAppConnections.AsNoTracking().SingleAsync(w => w.InboxId == app.InboxId);
        connection.LastWebhookAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(before.AddSeconds(-10), "noted at most ten seconds apart");
    }
}
