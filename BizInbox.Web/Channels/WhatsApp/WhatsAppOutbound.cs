using System.Text.Json.Nodes;
using BizInbox.Domain.Conversations;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>
/// Builds the Cloud API request body for an agent's message, in Meta's format: text, image, document, interactive
/// (reply buttons or list) and template. Each carries <c>biz_opaque_callback_data</c> with the message's id, which
/// Meta echoes in status webhooks; that is how a send interrupted before its answer is recognised later.
/// </summary>
internal static class WhatsAppOutbound
{
    public const string CallbackPrefix = "bizinbox:";

    public static string CallbackData(long messageId) => CallbackPrefix + messageId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The message id named by callback data, or null when it is not ours.</summary>
    public static long? MessageIdOf(string? callbackData) =>
        callbackData is not null && callbackData.StartsWith(CallbackPrefix, StringComparison.Ordinal)
        && long.TryParse(callbackData.AsSpan(CallbackPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <param name="message">The outgoing message.</param>
    /// <param name="to">The customer's WhatsApp id (wa_id).</param>
    /// <param name="uploadedMediaId">For images and documents: the media id the upload returned.</param>
    public static JsonObject Build(Message message, string to, string? uploadedMediaId)
    {
        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = to,
            ["biz_opaque_callback_data"] = CallbackData(message.Id),
        };
        switch (message.ContentType)
        {
            case MessageContentType.Image or MessageContentType.Video or MessageContentType.Audio or MessageContentType.Voice or MessageContentType.Document
                when uploadedMediaId is not null:
                var media = MessageContents.Read<MediaContent>(message.Content);
                var part = new JsonObject { ["id"] = uploadedMediaId };
                if (!string.IsNullOrWhiteSpace(media?.Caption) && message.ContentType is not (MessageContentType.Audio or MessageContentType.Voice))
                {
                    part["caption"] = media.Caption;
                }

                if (message.ContentType == MessageContentType.Document && media?.FileName is { } fileName)
                {
                    part["filename"] = fileName;
                }

                if (message.ContentType == MessageContentType.Voice)
                {
                    // Shown as a voice note (with "played" statuses) rather than as an audio file.
                    part["voice"] = true;
                }

                var type = message.ContentType switch
                {
                    MessageContentType.Image => "image",
                    MessageContentType.Video => "video",
                    MessageContentType.Audio or MessageContentType.Voice => "audio",
                    _ => "document",
                };
                body["type"] = type;
                body[type] = part;
                break;
            case MessageContentType.Buttons when MessageContents.Read<ButtonsContent>(message.Content) is { } buttons:
                body["type"] = "interactive";
                body["interactive"] = new JsonObject
                {
                    ["type"] = "button",
                    ["body"] = new JsonObject { ["text"] = buttons.Body },
                    ["action"] = new JsonObject
                    {
                        ["buttons"] = new JsonArray(buttons.Buttons.Select(b => (JsonNode)new JsonObject
                        {
                            ["type"] = "reply",
                            ["reply"] = new JsonObject { ["id"] = b.Id, ["title"] = b.Title },
                        }).ToArray()),
                    },
                };
                break;
            case MessageContentType.List when MessageContents.Read<ListContent>(message.Content) is { } list:
                body["type"] = "interactive";
                body["interactive"] = new JsonObject
                {
                    ["type"] = "list",
                    ["body"] = new JsonObject { ["text"] = list.Body },
                    ["action"] = new JsonObject
                    {
                        ["button"] = list.Button,
                        ["sections"] = new JsonArray(new JsonObject
                        {
                            ["title"] = list.Button,
                            ["rows"] = new JsonArray(list.Rows.Select(r =>
                            {
                                var row = new JsonObject { ["id"] = r.Id, ["title"] = r.Title };
                                if (r.Description is not null)
                                {
                                    row["description"] = r.Description;
                                }

                                return (JsonNode)row;
                            }).ToArray()),
                        }),
                    },
                };
                break;
            case MessageContentType.Template when MessageContents.Read<TemplateContent>(message.Content) is { } template:
                body["type"] = "template";
                var templateNode = new JsonObject
                {
                    ["name"] = template.Name,
                    ["language"] = new JsonObject { ["code"] = template.Language },
                };
                if (template.Parameters.Count > 0)
                {
                    var names = template.ParameterNames ?? [];
                    templateNode["components"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "body",
                        ["parameters"] = new JsonArray(template.Parameters.Select((value, i) =>
                        {
                            var parameter = new JsonObject { ["type"] = "text", ["text"] = value };
                            if (i < names.Count && !names[i].All(char.IsAsciiDigit))
                            {
                                parameter["parameter_name"] = names[i];
                            }

                            return (JsonNode)parameter;
                        }).ToArray()),
                    });
                }

                body["template"] = templateNode;
                break;
            default:
                body["type"] = "text";
                body["text"] = new JsonObject { ["preview_url"] = false, ["body"] = message.Text };
                break;
        }

        return body;
    }
}
