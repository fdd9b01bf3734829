using BizInbox.Web.Identity;
using BizInbox.Tests.Support;
using System.Net;
using System.Text;
using BizInbox.Domain.Channels;
using BizInbox.Tests.Http;
using BizInbox.Tests.Http.Security;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>
/// Errors Meta reports (<c>value.errors</c>, a status's <c>errors</c>) and bodies that are no WhatsApp change, through the
/// real endpoint: what is logged (never a body, details or a customer's number) and what the channel's health shows.
/// Each test has its own app, so that the counts are its own.
/// </summary>
public sealed class WebhookErrorTests : IAsyncLifetime, IDisposable
{
    private const string Customer = "4917612345678";
    private readonly CapturedLogs _logs = new();
    private readonly AppFactory _app;
    private CurrentMember _owner = null!;

    public WebhookErrorTests() => _app = new AppFactory { TestServices = _logs.AddTo };

    public async Task InitializeAsync()
    {
        var owner = await _app.CompleteSetupAsync();
        _owner = _app.Services.MemberFor(owner.Id);
        await _app.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(_owner, "WhatsApp",
            new WhatsAppSettingsInput(PhoneNumberId, BusinessAccountId, "+49 40 1234567", "EAAG-access-token", WebhookApp.AppSecret, "verify-me", null, null));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    /// <summary>A change with only webhook-level errors, as Meta sends it when it cannot pass something on.</summary>
    private static string WebhookErrors(int code, string title, string details) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"{{{BusinessAccountId}}}","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"{{{DisplayPhoneNumber}}}","phone_number_id":"{{{PhoneNumberId}}}"},
          "errors":[{"code":{{{code}}},"title":"{{{title}}}","message":"{{{title}}}","error_data":{"details":"{{{details}}}"},
            "href":"https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]}}]}]}
        """;

    private async Task<HttpResponseMessage> PostAsync(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppWebhookEndpoints.Path) { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, WebhookApp.AppSecret));
        return await _app.CreateBrowserLikeClient().SendAsync(request);
    }

    private async Task DeliverAsync(string json)
    {
        var response = await PostAsync(json);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<WhatsAppHealth> HealthAsync() =>
        (await _app.Services.GetRequiredService<WhatsAppConnections>().ListAsync(_owner)).Single().Health;

    private IEnumerable<string> Warnings => _logs.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Text);

    [Fact]
    public async Task WebhookLevelError_IsLoggedWithItsCode_WithoutDetails_AndIsTheChannelsLastError()
    {
        await DeliverAsync(WebhookErrors(131000, "Something went wrong", $"Unable to fetch the media of {Customer}"));

        Warnings.ShouldContain(w => w.Contains("131000") && w.Contains("Something went wrong") && w.Contains("Webhook"));
        _logs.AllText.ShouldNotContain(Customer);
        var health = await HealthAsync();
        health.IsHealthy.ShouldBeFalse();
        (health.LastCode, health.LastTitle, health.LastDay, health.Total).ShouldBe((131000, "Something went wrong", 1, 1));
        health.LastAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task StatusErrors_AreLoggedWithTheirCodes_WithoutTheRecipient_AndCounted_TheLatestShown()
    {
        var at = DateTimeOffset.UtcNow;
        await DeliverAsync(Statuses(FailedStatus("wamid.F1", Customer, at, 130429, "Rate limit hit", "Cloud API message throughput has been reached.")));
        await DeliverAsync(Statuses(FailedStatus("wamid.F2", Customer, at, 131047, "Re-engagement message",
            $"Message failed to send because more than 24 hours have passed since {Customer} last replied.")));

        Warnings.ShouldContain(w => w.Contains("130429") && w.Contains("Status"));
        Warnings.ShouldContain(w => w.Contains("131047") && w.Contains("Re-engagement message"));
        _logs.AllText.ShouldNotContain(Customer);
        _logs.AllText.ShouldNotContain("24 hours have passed");
        var health = await HealthAsync();
        (health.LastCode, health.LastTitle, health.LastDay, health.Total).ShouldBe((131047, "Re-engagement message", 2, 2));
        await using var db = _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContext();
        (await db.WhatsAppReportedErrors.Select(e => e.Source).ToListAsync()).ShouldAllBe(s => s == WhatsAppErrorSource.Status);
    }

    [Fact]
    public async Task ErrorsOlderThanADay_CountSinceConnected_ButNotInTheLastDay()
    {
        await using (var db = _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContext())
        {
            var inboxId = await db.WhatsAppConnections.Select(w => w.InboxId).SingleAsync();
            db.WhatsAppReportedErrors.Add(WhatsAppReportedError.Reported(inboxId, 368, "Temporarily blocked for policies violations",
                WhatsAppErrorSource.Webhook, DateTimeOffset.UtcNow.AddDays(-3)));
            await db.SaveChangesAsync();
        }

        await DeliverAsync(Statuses(FailedStatus("wamid.F3", Customer, DateTimeOffset.UtcNow, 131026, "Message undeliverable", "Unable to deliver.")));

        var health = await HealthAsync();
        (health.LastCode, health.LastDay, health.Total).ShouldBe((131026, 1, 2));
    }

    [Fact]
    public async Task MessagesAndStatusesWithoutErrors_LeaveTheChannelHealthy()
    {
        await DeliverAsync(Inbound(Customer, "Sheena Nelson", Text("wamid.OK1", Customer, "Hallo")));
        await DeliverAsync(Statuses(Status("wamid.OUT1", "delivered", Customer, DateTimeOffset.UtcNow)));

        (await HealthAsync()).ShouldBe(WhatsAppHealth.Healthy);
        Warnings.ShouldNotContain(w => w.Contains("reported error"));
    }

    [Theory]
    [InlineData("""{"object":"instagram","entry":[{"id":"1","messaging":[{"sender":{"id":"4917612345678"},"message":{"text":"Hallo Geheimnis"}}]}]}""")]
    [InlineData("""{"object":"page","entry":[{"id":"1","changes":[{"field":"feed","value":{"message":"Hallo Geheimnis"}}]}]}""")]
    [InlineData("""["Hallo Geheimnis", 4917612345678]""")]
    [InlineData("\"Hallo Geheimnis 4917612345678\"")]
    public async Task SignedJsonThatIsNoWhatsAppChange_IsAnswered200_AndIgnored_WithAWarningThatLeavesOutTheBody(string json)
    {
        await DeliverAsync(json);

        Warnings.ShouldContain(w => w.Contains("not a WhatsApp Business Account notification"));
        _logs.AllText.ShouldNotContain("Geheimnis");
        _logs.AllText.ShouldNotContain(Customer);
        await using var db = _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContext();
        (await db.Messages.CountAsync(m => m.Text.Contains("Geheimnis"))).ShouldBe(0);
        (await HealthAsync()).ShouldBe(WhatsAppHealth.Healthy);
    }
}
