using System.Text.Json;
using System.Text.RegularExpressions;

namespace BizInbox.E2E.Support.Circuits;

/// <summary>
/// What blazor.web.js finds in a prerendered page before it starts a circuit: the markers of the interactive server
/// components (<c>&lt;!--Bl:{...}--&gt;</c> comments whose JSON carries a protected descriptor) and the protected
/// state the prerendering persisted for them.
/// </summary>
internal sealed partial record PrerenderedPage(IReadOnlyList<JsonElement> ServerComponents, string ApplicationState)
{
    public static PrerenderedPage Parse(string html)
    {
        var components = Marker().Matches(html)
            .Select(m => JsonDocument.Parse(m.Groups["json"].Value).RootElement)
            .Where(marker => marker.TryGetProperty("type", out var type) && type.GetString() == "server" && marker.TryGetProperty("descriptor", out _))
            .ToList();
        var state = ServerState().Match(html);
        return new PrerenderedPage(components, state.Success ? state.Groups["state"].Value : string.Empty);
    }

    /// <summary>The root component operations blazor.web.js sends once the circuit is up: add every server component.</summary>
    public string AddOperations(int batchId) => JsonSerializer.Serialize(new
    {
        batchId,
        operations = ServerComponents.Select((marker, i) => new { type = "add", ssrComponentId = i + 1, marker }),
    });

    [GeneratedRegex(@"<!--(?:Bl|Blazor):(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ServerState();
}
