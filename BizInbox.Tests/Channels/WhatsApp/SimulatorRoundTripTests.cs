using System.Net;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Channels.WhatsApp.Wire;
using BizInbox.Web.Features.Simulator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>
/// The simulator and the app share one set of wire records: every message a simulated customer sends, and every status,
/// reaches the app's own webhook parser as the change the simulator meant.
/// </summary>
public class SimulatorRoundTripTests
{
    private const string Customer = "4917612345678";

    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static readonly WhatsAppSecrets Connection = new(
        1, SimulatorOptions.PhoneNumberId, "token", "app-secret", "verify", "v21.0", "http://app.test" + SimulatorOptions.GraphPath, SimulatorOptions.BusinessAccountId);

    [Fact]
    public async Task Text_ArrivesWithTheCustomersProfile_OnTheSimulatorsNumber()
    {
        var change = await SentAsync(SimulatorMessages.Text("Hallo, ist das Rad noch da?"));

        (change.PhoneNumberId, change.DisplayPhoneNumber).ShouldBe((SimulatorOptions.PhoneNumberId, "15550100"));
        change.Contacts.ShouldBe([new WhatsAppProfile(Customer, "Kim Weber")]);
        var message = change.Messages.ShouldHaveSingleItem();
        (message.Id, message.From, message.Timestamp, message.Type, message.RawType, message.Text, message.ContextMessageId)
            .ShouldBe(("wamid.A", Customer, Now, WhatsAppMessageType.Text, "text", "Hallo, ist das Rad noch da?", null));
        message.RawJson.ShouldContain("\"text\":{\"body\":\"Hallo, ist das Rad noch da?\"}");
        (change.Statuses.Count, change.Errors.Count).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Picture_ArrivesAsAnImage_WithItsMediaIdTypeHashAndCaption()
    {
        var media = new SimulatedMedia("9001", SimulatorOptions.PhoneNumberId, [1, 2, 3], "image/png", null);

        var message = (await SentAsync(SimulatorMessages.Picture(media, "  Kratzer am Rahmen "))).Messages.ShouldHaveSingleItem();

        message.Type.ShouldBe(WhatsAppMessageType.Image);
        message.Media.ShouldBe(new WhatsAppMedia("9001", "image/png", media.Sha256, "Kratzer am Rahmen", null));
    }

    [Fact]
    public async Task Location_ArrivesWithCoordinatesNameAndAddress()
    {
        var message = (await SentAsync(SimulatorMessages.Location(53.5511, 9.9937, "Laden", "Hauptstraße 1, Hamburg"))).Messages.ShouldHaveSingleItem();

        message.Type.ShouldBe(WhatsAppMessageType.Location);
        message.Location.ShouldBe(new WhatsAppLocation(53.5511, 9.9937, "Laden", "Hauptstraße 1, Hamburg"));
    }

    [Theory]
    [InlineData("list", WhatsAppMessageType.ListReply, "interactive", "26 inch")]
    [InlineData("button", WhatsAppMessageType.ButtonReply, "interactive", null)]
    [InlineData(null, WhatsAppMessageType.ButtonReply, "interactive", null)]
    [InlineData("template", WhatsAppMessageType.TemplateButton, "button", null)]
    public async Task Tap_ArrivesAsTheChoiceMade_AnsweringTheMessageTapped(string? kind, WhatsAppMessageType type, string rawType, string? description)
    {
        var message = (await SentAsync(SimulatorMessages.Tap(kind, new SimulatedChoice("small", "Small", "26 inch")), context: "wamid.B"))
            .Messages.ShouldHaveSingleItem();

        (message.Type, message.RawType, message.ContextMessageId).ShouldBe((type, rawType, "wamid.B"));
        message.Choice.ShouldBe(new WhatsAppChoice("small", "Small", description));
    }

    [Theory]
    [InlineData("👍")]
    [InlineData("")]
    public async Task Reaction_ArrivesNamingTheMessageItReactsTo(string emoji)
    {
        var message = (await SentAsync(SimulatorMessages.Reaction("wamid.B", emoji))).Messages.ShouldHaveSingleItem();

        message.Type.ShouldBe(WhatsAppMessageType.Reaction);
        message.Reaction.ShouldBe(new WhatsAppReaction("wamid.B", emoji));
    }

    [Theory]
    [InlineData(SimulatedStatus.Sent, WhatsAppStatusKind.Sent, "\"pricing\":{\"billable\":false,\"pricing_model\":\"PMP\"")]
    [InlineData(SimulatedStatus.Delivered, WhatsAppStatusKind.Delivered, "\"conversation\":{\"id\":")]
    [InlineData(SimulatedStatus.Read, WhatsAppStatusKind.Read, "\"status\":\"read\"")]
    public async Task Status_ArrivesForTheMessageSent_WithItsCallbackData(SimulatedStatus status, WhatsAppStatusKind kind, string written)
    {
        var sent = new SimulatedMessage("wamid.C", Customer, SimulatedSender.Business, Now, "text", "Ja", SimulatedStatus.Pending, CallbackData: "bizinbox:42");

        var (change, body) = await PostedAsync(w => w.SendStatusesAsync(Connection, [w.Status(sent, status)], CancellationToken.None));

        var read = change.Statuses.ShouldHaveSingleItem();
        (read.MessageId, read.Status, read.Timestamp, read.RecipientId, read.CallbackData).ShouldBe(("wamid.C", kind, Now, Customer, "bizinbox:42"));
        read.Errors.ShouldBeEmpty();
        change.Messages.ShouldBeEmpty();
        body.ShouldContain(written);
        body.Contains("\"pricing\"", StringComparison.Ordinal).ShouldBe(status != SimulatedStatus.Read);
    }

    private static async Task<WhatsAppChange> SentAsync(WebhookMessage content, string? context = null)
    {
        var message = SimulatorMessages.From(content, Customer, "wamid.A", Now, context);
        return (await PostedAsync(w => w.SendMessageAsync(Connection, Customer, "Kim Weber", message, CancellationToken.None))).Change;
    }

    /// <summary>What the simulator posted, checked to be signed for the app's webhook, and parsed as the app parses it.</summary>
    private static async Task<(WhatsAppChange Change, string Body)> PostedAsync(Func<SimulatorWebhooks, Task> post)
    {
        var app = new CapturingApp();
        await post(new SimulatorWebhooks(new HttpClient(app), new FakeTimeProvider(Now), NullLogger<SimulatorWebhooks>.Instance));

        var (uri, signature, body) = app.Posts.ShouldHaveSingleItem();
        uri.ShouldBe(new Uri("http://app.test" + WhatsAppWebhookEndpoints.Path));
        WebhookSignature.IsValid(body, signature, Connection.AppSecret).ShouldBeTrue();
        var notifications = WebhookPayload.ParseNotifications(body);
        notifications.NameUpdates.ShouldBeEmpty();
        return (notifications.Changes.ShouldHaveSingleItem(), System.Text.Encoding.UTF8.GetString(body));
    }

    private sealed class CapturingApp : HttpMessageHandler
    {
        public List<(Uri Uri, string? Signature, byte[] Body)> Posts { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var signature = request.Headers.TryGetValues(WebhookSignature.HeaderName, out var values) ? values.Single() : null;
            Posts.Add((request.RequestUri!, signature, await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
