using System.Text.Json.Nodes;

namespace BizInbox.Web.Features.Simulator;

/// <summary>Reads a Cloud API send request (text, media, interactive, template, reaction) into what the customer's phone shows.</summary>
internal static class SimulatorSends
{
    /// <summary>The message, or null when the request lacks what Meta requires (a recipient, the part named by type).</summary>
    public static SimulatedMessage? Read(JsonObject body, SimulatorStore store, string phoneNumberId, DateTimeOffset now)
    {
        var to = new string([.. ((string?)body["to"] ?? string.Empty).Where(char.IsAsciiDigit)]);
        var type = (string?)body["type"] ?? "text";
        if (to.Length == 0 || body[type] is not JsonObject part)
        {
            return null;
        }

        var message = new SimulatedMessage(store.NewWamid(to), to, SimulatedSender.Business, now, type, null, SimulatedStatus.Pending,
            CallbackData: (string?)body["biz_opaque_callback_data"]);
        switch (type)
        {
            case "text":
                return (string?)part["body"] is { Length: > 0 } text ? message with { Text = text } : null;
            case "image" or "document" or "video" or "audio" or "sticker":
                var mediaId = (string?)part["id"];
                var media = mediaId is null ? null : store.Media(phoneNumberId, mediaId);
                return message with
                {
                    Text = (string?)part["caption"], MediaId = media?.Id, MimeType = media?.MimeType,
                    FileName = (string?)part["filename"] ?? media?.FileName,
                };
            case "interactive":
                return Interactive(message, part);
            case "template":
                var name = (string?)part["name"] ?? string.Empty;
                var language = (string?)part["language"]?["code"] ?? string.Empty;
                var parameters = (part["components"] as JsonArray ?? []).OfType<JsonObject>()
                    .Where(c => (string?)c["type"] == "body")
                    .SelectMany(c => (c["parameters"] as JsonArray ?? []).OfType<JsonObject>())
                    .Select(p => (string?)p["text"] ?? string.Empty).ToList();
                return message with
                {
                    Text = SimulatorTemplates.Render(name, language, parameters),
                    Choices = SimulatorTemplates.Buttons(name, language).Select(b => new SimulatedChoice(b, b, null)).ToList(),
                    InteractiveKind = "template",
                };
            case "reaction":
                return message with { Text = (string?)part["emoji"], ReactionTo = (string?)part["message_id"] };
            default:
                return message with { Text = $"[{type}]" };
        }
    }

    private static SimulatedMessage Interactive(SimulatedMessage message, JsonObject part)
    {
        var kind = (string?)part["type"];
        var text = (string?)part["body"]?["text"];
        var action = part["action"] as JsonObject;
        var choices = kind switch
        {
            "button" => (action?["buttons"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(b => b["reply"] as JsonObject)
                .Where(r => r is not null)
                .Select(r => new SimulatedChoice((string?)r!["id"] ?? string.Empty, (string?)r["title"] ?? string.Empty, null)),
            "list" => (action?["sections"] as JsonArray ?? []).OfType<JsonObject>()
                .SelectMany(s => (s["rows"] as JsonArray ?? []).OfType<JsonObject>())
                .Select(r => new SimulatedChoice((string?)r["id"] ?? string.Empty, (string?)r["title"] ?? string.Empty, (string?)r["description"])),
            _ => [],
        };
        return message with { Text = text, InteractiveKind = kind, Choices = choices.ToList(), ListButton = (string?)action?["button"] };
    }
}
