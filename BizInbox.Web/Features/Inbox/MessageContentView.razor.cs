using BizInbox.Web.Channels;
using Microsoft.AspNetCore.Components;

namespace BizInbox.Web.Features.Inbox;

/// <summary>How a message's content reads: places, order sums that cannot overflow, what an unsupported message was.</summary>
public sealed partial class MessageContentView
{
    [Parameter, EditorRequired] public ThreadMessage Message { get; set; } = default!;
    /// <summary>Fetches a customer's file again after its fetch failed.</summary>
    [Parameter] public EventCallback<long> OnRetry { get; set; }

    // What the customer sent, where Meta names it (its "unsupported.type" values), in the agent's language.
    private static readonly Dictionary<string, string> UnsupportedKinds = new(StringComparer.Ordinal)
    {
        ["poll_creation"] = "a poll", ["poll_update"] = "a vote in a poll", ["edit"] = "an edit of an earlier message",
        ["pin"] = "a pinned message", ["group_invite"] = "a group invitation", ["gif"] = "a GIF", ["keep_in_chat"] = "“keep in chat” on a message",
        ["link_preview"] = "a link preview", ["view_once"] = "a view-once photo or video", ["product"] = "a product", ["order"] = "an order",
        ["hsm"] = "an old-style template message", ["media_placeholder"] = "a picture or file", ["ephemeral"] = "a disappearing message",
        ["button"] = "a button message", ["list"] = "a list message", ["interactive"] = "an interactive message", ["event"] = "an event",
    };

    private string UnsupportedText(UnsupportedContent? raw) => raw switch
    {
        { Kind: "unavailable" } => L["WhatsApp could not pass this message on. Ask the customer to send it again."],
        { Kind: { } kind } when UnsupportedKinds.TryGetValue(kind, out var what) =>
            string.Format(L["The customer sent {0}, which WhatsApp does not pass on to business apps. Ask them to send it as text, a picture or a document."], L[what]),
        { Kind: { } kind } => $"{L["Unsupported message type"]} ({kind})",
        { } old => $"{L["Unsupported message type"]} ({old.RawType})",
        _ => L["Unsupported message type"],
    };

    private static string MapUrl(double lat, double lon) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"https://www.openstreetmap.org/?mlat={lat:0.######}&mlon={lon:0.######}#map=17/{lat:0.######}/{lon:0.######}");

    private static string Coordinates(double lat, double lon) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{lat:0.#####}, {lon:0.#####}");

    // Stored orders come from customers' phones: a line without a real quantity or price, or (in rows stored before
    // prices were range-checked) a product beyond decimal's range, shows a dash instead of failing the conversation.
    private static decimal? LineTotal(OrderLine line)
    {
        try
        {
            return line.Quantity is { } quantity && line.ItemPrice is { } price ? price * quantity : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static decimal? Total(OrderContent order)
    {
        try
        {
            var lines = order.Items.Select(LineTotal).ToList();
            return lines.Any(l => l is null) ? null : lines.Sum();
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static string Money(decimal? value, string currency)
    {
        if (value is not { } amount)
        {
            return "–";
        }

        try
        {
            return string.Create(System.Globalization.CultureInfo.CurrentCulture, $"{amount:N2} {currency}");
        }
        catch (FormatException)
        {
            return amount.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + currency;
        }
    }
}
