using BizInbox.Web.Channels.WhatsApp.Wire;

namespace BizInbox.Web.Features.Simulator;

/// <summary>What a simulated customer sends, as the Cloud API's webhook carries it (<see cref="WebhookMessage"/>).</summary>
internal static class SimulatorMessages
{
    public static WebhookMessage Text(string body) => new() { Type = "text", Text = new WebhookText { Body = body } };

    public static WebhookMessage Picture(SimulatedMedia media, string? caption) => new()
    {
        Type = "image",
        Image = new WebhookMedia { MimeType = media.MimeType, Sha256 = media.Sha256, Id = media.Id, Caption = Trimmed(caption) },
    };

    public static WebhookMessage Location(double latitude, double longitude, string? name, string? address) => new()
    {
        Type = "location",
        Location = new WebhookLocation { Latitude = latitude, Longitude = longitude, Name = Trimmed(name), Address = Trimmed(address) },
    };

    /// <summary>A tap on a list row, a template's quick-reply button or a reply button (<paramref name="interactiveKind"/> of the message tapped).</summary>
    public static WebhookMessage Tap(string? interactiveKind, SimulatedChoice choice) => interactiveKind switch
    {
        "list" => new WebhookMessage
        {
            Type = "interactive",
            Interactive = new WebhookInteractive
            {
                Type = WebhookInteractive.ListReplyType,
                ListReply = new WebhookReply { Id = choice.Id, Title = choice.Title, Description = choice.Description },
            },
        },
        "template" => new WebhookMessage { Type = "button", Button = new WebhookButton { Payload = choice.Id, Text = choice.Title } },
        _ => new WebhookMessage
        {
            Type = "interactive",
            Interactive = new WebhookInteractive { Type = WebhookInteractive.ButtonReplyType, ButtonReply = new WebhookReply { Id = choice.Id, Title = choice.Title } },
        },
    };

    public static WebhookMessage Reaction(string wamid, string emoji) =>
        new() { Type = "reaction", Reaction = new WebhookReaction { MessageId = wamid, Emoji = emoji } };

    /// <summary><paramref name="content"/> from the customer: sender, id, time and the message it answers, if any.</summary>
    public static WebhookMessage From(WebhookMessage content, string customerWaId, string wamid, DateTimeOffset at, string? contextWamid) => content with
    {
        From = customerWaId, Id = wamid, Timestamp = SimulatorWebhooks.Timestamp(at),
        Context = contextWamid is null ? null : new WebhookContext { From = SimulatorOptions.DisplayDigits, Id = contextWamid },
    };

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
