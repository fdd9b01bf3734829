using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BizInbox.Domain.Channels;

namespace BizInbox.Web.Features.Simulator;

/// <summary>The demo templates the simulated business account lists, in the Graph API's shape.</summary>
internal static class SimulatorTemplates
{
    private sealed record Demo(string Name, string Language, string Category, string Status, string? Header, string Body, string? Footer, string[] Buttons);

    private static readonly Demo[] All =
    [
        new("order_ready", "en_US", "UTILITY", "APPROVED", "Your order", "Hi {{1}}, your order {{2}} is ready for pickup.", "Reply STOP to opt out", ["On my way", "Tomorrow"]),
        new("bestellung_abholbereit", "de", "UTILITY", "APPROVED", null, "Hallo {{1}}, Ihre Bestellung {{2}} liegt zur Abholung bereit.", null, ["Ich komme", "Morgen"]),
        new("appointment_reminder", "en_US", "UTILITY", "APPROVED", null, "Reminder: your appointment is on {{1}} at {{2}}. Reply to change it.", null, ["Confirm", "Reschedule"]),
        new("spring_offer", "en_US", "MARKETING", "PENDING", "Spring sale", "Spring sale: {{1}} off everything until Sunday!", null, []),
        new("welcome_discount", "de", "MARKETING", "REJECTED", null, "Willkommen! Mit dem Code {{1}} sparen Sie 10 %.", null, []),
    ];

    /// <summary>One page of templates with Meta's cursor paging.</summary>
    public static JsonObject Page(int limit, string? after, Func<string, string> nextUrl)
    {
        var start = after is not null && int.TryParse(Encoding.ASCII.GetString(Convert.FromBase64String(after)), CultureInfo.InvariantCulture, out var index)
            ? index + 1
            : 0;
        var page = All.Skip(start).Take(Math.Clamp(limit, 1, 100)).Select((t, i) => (Template: t, Index: start + i)).ToList();
        var data = new JsonArray([.. page.Select(p => (JsonNode)Json(p.Template, p.Index))]);
        var result = new JsonObject { ["data"] = data };
        if (page.Count > 0)
        {
            var last = Cursor(page[^1].Index);
            var paging = new JsonObject { ["cursors"] = new JsonObject { ["before"] = Cursor(page[0].Index), ["after"] = last } };
            if (page[^1].Index < All.Length - 1)
            {
                paging["next"] = nextUrl(last);
            }

            result["paging"] = paging;
        }

        return result;
    }

    /// <summary>The text a customer sees for a template send: the demo body with its parameters filled in.</summary>
    public static string Render(string name, string language, IReadOnlyList<string> parameters)
    {
        var demo = All.FirstOrDefault(t => t.Name == name && t.Language == language);
        if (demo is null)
        {
            return parameters.Count == 0 ? name : $"{name}: {string.Join(", ", parameters)}";
        }

        var text = MessageTemplate.Fill(demo.Body, parameters);
        return demo.Header is null ? text : $"{demo.Header}\n{text}";
    }

    /// <summary>The quick-reply buttons of a demo template (shown under a template message).</summary>
    public static IReadOnlyList<string> Buttons(string name, string language) =>
        All.FirstOrDefault(t => t.Name == name && t.Language == language)?.Buttons ?? [];

    private static string Cursor(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes(index.ToString(CultureInfo.InvariantCulture)));

    private static JsonObject Json(Demo t, int index)
    {
        var components = new JsonArray();
        if (t.Header is not null)
        {
            components.Add(new JsonObject { ["type"] = "HEADER", ["format"] = "TEXT", ["text"] = t.Header });
        }

        components.Add(new JsonObject { ["type"] = "BODY", ["text"] = t.Body });
        if (t.Footer is not null)
        {
            components.Add(new JsonObject { ["type"] = "FOOTER", ["text"] = t.Footer });
        }

        if (t.Buttons.Length > 0)
        {
            components.Add(new JsonObject
            {
                ["type"] = "BUTTONS",
                ["buttons"] = new JsonArray([.. t.Buttons.Select(b => (JsonNode)new JsonObject { ["type"] = "QUICK_REPLY", ["text"] = b })]),
            });
        }

        return new JsonObject
        {
            ["name"] = t.Name,
            ["parameter_format"] = "POSITIONAL",
            ["components"] = components,
            ["language"] = t.Language,
            ["status"] = t.Status,
            ["category"] = t.Category,
            ["id"] = (5_550_000_000_000_100L + index).ToString(CultureInfo.InvariantCulture),
        };
    }
}
