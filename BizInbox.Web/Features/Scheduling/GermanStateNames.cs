using BizInbox.Domain.Scheduling;

namespace BizInbox.Web.Features.Scheduling;

/// <summary>The states by their own (German) names, which is how they appear on every holiday calendar.</summary>
internal static class GermanStateNames
{
    private static readonly Dictionary<GermanState, string> Names = new()
    {
        [GermanState.BadenWuerttemberg] = "Baden-Württemberg", [GermanState.Bavaria] = "Bayern", [GermanState.Berlin] = "Berlin",
        [GermanState.Brandenburg] = "Brandenburg", [GermanState.Bremen] = "Bremen", [GermanState.Hamburg] = "Hamburg",
        [GermanState.Hesse] = "Hessen", [GermanState.MecklenburgWesternPomerania] = "Mecklenburg-Vorpommern",
        [GermanState.LowerSaxony] = "Niedersachsen", [GermanState.NorthRhineWestphalia] = "Nordrhein-Westfalen",
        [GermanState.RhinelandPalatinate] = "Rheinland-Pfalz", [GermanState.Saarland] = "Saarland", [GermanState.Saxony] = "Sachsen",
        [GermanState.SaxonyAnhalt] = "Sachsen-Anhalt", [GermanState.SchleswigHolstein] = "Schleswig-Holstein", [GermanState.Thuringia] = "Thüringen",
    };

    public static IEnumerable<GermanState> ByName => Names.OrderBy(n => n.Value, StringComparer.Ordinal).Select(n => n.Key);

    public static string Of(GermanState state) => Names[state];
}
