using System.Net;
using System.Text;
using BizInbox.Domain.Conversations;
using BizInbox.Tests.Http;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>
/// Webhooks of many customers at once through the batch writers (on PostgreSQL four side by side, more than the default, each with its share of
/// the customers): every message is stored once, each conversation's in the order it was sent, and a webhook naming two
/// customers stores both, whichever writers they belong to.
/// </summary>
public abstract class WebhookWritersTests(DatabaseProvider provider, PostgresServer? postgres) : AppTest(provider, postgres)
{
    protected override void Configure(AppFactory app)
    {
        if (app.PostgresConnectionString is not null)
        {
            app.Settings["WhatsApp:Ingest:Writers"] = "4";
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var owner = await App.CompleteSetupAsync();
        await App.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(App.Services.MemberFor(owner.Id), "WhatsApp",
            new WhatsAppSettingsInput(PhoneNumberId, BusinessAccountId, "+49 40 1234567", "EAAG-access-token", WebhookApp.AppSecret, "verify-me", null, null));
    }

    [Fact]
    public async Task ManyNewCustomersAtOnce_EachMessageIsStoredOnce_InTheOrderItWasSent()
    {
        var customers = Enumerable.Range(0, 24).Select(_ => WebhookApp.NewCustomer()).ToList();

        await Task.WhenAll(customers.Select(async customer =>
        {
            for (var i = 0; i < 5; i++)
            {
                using var response = await PostAsync(Inbound(customer, "Kunde " + customer, Text($"wamid.{customer}-{i}", customer, $"Nachricht {i}")));
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }));

        var stored = await StoredAsync();
        stored.Count.ShouldBe(customers.Count);
        foreach (var customer in customers)
        {
            stored.ShouldContain(string.Join(' ', Enumerable.Range(0, 5).Select(i => $"wamid.{customer}-{i}")), $"customer {customer}");
        }
    }

    [Fact]
    public async Task AWebhookWithTwoCustomersMessages_StoresEachInItsConversation()
    {
        var (first, second) = (WebhookApp.NewCustomer(), WebhookApp.NewCustomer());

        using var response = await PostAsync(Inbound(first, "Kundin", Text("wamid.A-1", first, "Hallo"), Text("wamid.B-1", second, "Moin"), Text("wamid.A-2", first, "Noch da?")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = await StoredAsync();
        stored.Count.ShouldBe(2);
        stored.ShouldBe(["wamid.A-1 wamid.A-2", "wamid.B-1"], ignoreOrder: true);
    }

    private async Task<HttpResponseMessage> PostAsync(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppWebhookEndpoints.Path) { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, WebhookApp.AppSecret));
        return await App.CreateClient().SendAsync(request);
    }

    /// <summary>The customers' messages of each conversation, in the order they were stored (their wamids, space-separated).</summary>
    private async Task<List<string>> StoredAsync()
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        var messages = await db.Messages.Where(m => m.Kind == MessageKind.Incoming).OrderBy(m => m.Id)
            .Select(m => new { m.ConversationId, m.ClientMessageId }).ToListAsync();
        return [.. messages.GroupBy(m => m.ConversationId).Select(g => string.Join(' ', g.Select(m => m.ClientMessageId)))];
    }
}

public sealed class SqliteWebhookWritersTests() : WebhookWritersTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresWebhookWritersTests(PostgresServer postgres) : WebhookWritersTests(DatabaseProvider.Postgres, postgres);
