using BizInbox.Domain.Businesses;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Scheduling;
using BizInbox.Tests.Support;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>The away message through the real webhook, its group-commit writer and the app's own outbox worker.</summary>
public sealed class WebhookAutomaticMessageTests : IAsyncLifetime, IDisposable
{
    private readonly WebhookApp _app = new();

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        // Open one hour a week, three days from today: closed now, whenever the test runs.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var day = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, berlin).AddDays(3).DayOfWeek;
        await using var db = _app.CreateDbContext();
        db.BusinessHours.Add(BusinessHours.Create(Business.SingletonId, [new OpeningInterval(day, new(9, 0), new(10, 0))], null, []));
        db.AutomaticMessages.Add(AutomaticMessages.Create(Business.SingletonId, true, "Hallo!", null, true, "Wir sind ab {{next_opening}} wieder da.", "de"));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => _app.DisposeAsync();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SeveralMessagesInOneWebhook_AndAnotherWebhookAtTheSameTime_GetOneAwayMessage_SentToWhatsApp()
    {
        var customer = WebhookApp.NewCustomer();
        string Text(string body) => WhatsAppPayloads.Text("wamid.in-" + Guid.NewGuid().ToString("N"), customer, body);

        await Task.WhenAll(
            _app.DeliverAsync(WhatsAppPayloads.Inbound(customer, "Sheena Nelson", Text("Hallo?"), Text("Habt ihr offen?"))),
            _app.DeliverAsync(WhatsAppPayloads.Inbound(customer, "Sheena Nelson", Text("Bitte melden."))));
        await _app.CustomerWritesAsync(customer, "Noch da?");

        // The answer follows the commit (the acknowledgement does not wait for it): the send to WhatsApp comes after it is stored.
        var sent = await _app.Graph.WaitForSendAsync(timeout: TimeSpan.FromSeconds(20));
        var away = (await _app.TimelineAsync(customer)).Where(m => m.Automatic != AutomaticMessageKind.None).ShouldHaveSingleItem();
        away.Automatic.ShouldBe(AutomaticMessageKind.Away);
        away.Text.ShouldStartWith("Wir sind ab ");
        away.Text.ShouldNotContain("{{");
        sent.Json.GetProperty("text").GetProperty("body").GetString().ShouldBe(away.Text);
        _app.Graph.Sends.ShouldHaveSingleItem().Json.GetProperty("text").GetProperty("body").GetString().ShouldBe(away.Text);
    }
}
