using System.Text.Json.Nodes;
using BizInbox.Domain;
using BizInbox.Tests.Features;
using BizInbox.Tests.Http.Security;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>The access token goes to the Graph API over https only; http only on this machine, and only where allowed.</summary>
public sealed class GraphAddressTests() : ServiceTests(DatabaseProvider.Sqlite, null)
{
    [Theory]
    [InlineData("Production", null, "https://graph.facebook.com", true)]
    [InlineData("Production", null, "http://127.0.0.1:5000/simulator/graph", false)]
    [InlineData("Production", null, "http://graph.example.com", false)]
    [InlineData("Production", true, "http://127.0.0.1:5000", true)]
    [InlineData("Production", true, "http://localhost:5000", true)]
    [InlineData("Production", true, "http://graph.example.com", false)]
    [InlineData("Development", null, "http://localhost:5000/simulator/graph", true)]
    [InlineData("Development", null, "http://10.0.0.5", false)]
    [InlineData("Development", false, "http://127.0.0.1:5000", false)]
    public void Http_IsAllowedOnlyOnLoopback_WhenOptedInOrInDevelopment(string environment, bool? optIn, string address, bool allowed) =>
        Policy(environment, optIn).Allows(address).ShouldBe(allowed);

    [Fact]
    public async Task ConnectingANumber_WithAnHttpAddress_IsRefusedWithAMessageForThatField()
    {
        var owner = await SetupOwnerAsync();
        var connections = Database.Get<WhatsAppConnections>();

        var refused = await Should.ThrowAsync<DomainException>(() => connections.ConnectAsync(As(owner), "WhatsApp", Input("http://graph.example.com")));

        refused.Code.ShouldBe(GraphAddressPolicy.NotHttpsCode);
        (await connections.ListAsync(As(owner))).ShouldBeEmpty();
        await connections.ConnectAsync(As(owner), "WhatsApp", Input("https://graph.example.com"));
        var inboxId = (await connections.ListAsync(As(owner))).ShouldHaveSingleItem().InboxId;
        (await Should.ThrowAsync<DomainException>(() => connections.UpdateAsync(As(owner), inboxId, Input("http://graph.example.com"))))
            .Code.ShouldBe(GraphAddressPolicy.NotHttpsCode);
    }

    [Fact]
    public async Task AStoredHttpAddress_IsNamedAtStartUp_AndGetsNothingSent()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var owner = await SetupOwnerAsync();
        var connections = Database.Get<WhatsAppConnections>();
        // Stored while this test database allows loopback http, as an older version allowed any http address.
        await connections.ConnectAsync(As(owner), "WhatsApp", Input(graph.BaseUrl) with { AccessToken = graph.AccessToken });
        var number = (await connections.SecretsAsync()).Single();
        var strict = Policy("Production", null);
        using var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));

        await new GraphAddressCheck(Database.Get<IServiceScopeFactory>(), strict, factory.CreateLogger<GraphAddressCheck>()).StartAsync(default);
        var client = new GraphApiClient(new HttpClient(), factory.CreateLogger<GraphApiClient>(), strict);
        var send = await Should.ThrowAsync<GraphApiException>(() => client.SendMessageAsync(number, new JsonObject { ["to"] = "491701234567" }, default));

        logs.Lines.ShouldContain(l => l.Level == LogLevel.Error && l.Text.Contains(number.PhoneNumberId) && l.Text.Contains("not https"));
        send.Error.Title.ShouldContain("not https");
        graph.Requests.ShouldBeEmpty();
    }

    private static GraphAddressPolicy Policy(string environment, bool? optIn) =>
        new(Options.Create(new GraphAddressOptions { AllowHttpOnLoopback = optIn }), new TestHostEnvironment(Path.GetTempPath()) { EnvironmentName = environment });

    private static WhatsAppSettingsInput Input(string graphBaseUrl) =>
        new("1234567890", "9876543210", "+49 170 1234567", "token", "app-secret", "verify", null, graphBaseUrl);
}
