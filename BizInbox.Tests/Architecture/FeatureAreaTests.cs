using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace BizInbox.Tests.Architecture;

/// <summary>
/// The feature areas (the folders under Features) use each other without loops (README, "Feature areas"): the graph of
/// which area uses which is acyclic, so an area can be understood, tested and changed from the areas below it alone.
/// Reads the compiled assembly as <see cref="LayeringTests"/> does; the composition in the Features folder itself
/// counts as one more area.
/// </summary>
public class FeatureAreaTests
{
    private const string Features = "BizInbox.Web.Features";
    private const string Composition = "(Features)";

    private static readonly Lazy<AreaGraph> Graph = new(() => AreaGraph.Read(typeof(BizInbox.Web.SharedResource).Assembly));

    [Fact]
    public void FeatureAreas_UseEachOtherWithoutLoops()
    {
        var loops = Graph.Value.Loops();

        loops.ShouldBeEmpty(
            "these feature areas use each other in a loop; move the type to the area it belongs to, or let the lower area " +
            "ask through an interface or an event:\n" + string.Join("\n", loops.Select(Graph.Value.Describe)));
    }

    [Fact]
    public void TheCheck_SeesTheAreasAndTheirUses()
    {
        // Guards the test itself: a reader that saw no areas or no uses would find no loops.
        var graph = Graph.Value;
        graph.Areas.ShouldContain("Inbox");
        graph.Areas.ShouldContain("Contacts");
        graph.Uses("Inbox", "Contacts").ShouldContain("BizInbox.Web.Features.Inbox.ContactPanel");
        graph.Uses("Search", "Inbox").ShouldNotBeEmpty();
        graph.Uses(Composition, "Contacts").ShouldContain("BizInbox.Web.Features.InboxExtensions");
    }

    [Fact]
    public void Loops_AreFoundInAMadeUpGraph()
    {
        var graph = new AreaGraph(new Dictionary<(string, string), IReadOnlyList<string>>
        {
            [("A", "B")] = ["A.UsesB"],
            [("B", "C")] = ["B.UsesC"],
            [("C", "A")] = ["C.UsesA"],
            [("C", "D")] = ["C.UsesD"],
            [("D", "E")] = ["D.UsesE"],
        });

        var loop = graph.Loops().ShouldHaveSingleItem();
        loop.ShouldBe(["A", "B", "C"], ignoreOrder: true);
        graph.Describe(loop).ShouldContain("C -> A: C.UsesA");
        graph.Describe(loop).ShouldNotContain("D");
    }

    /// <summary>Which types of one area use another area, read from the compiled assembly.</summary>
    public sealed class AreaGraph(IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> uses)
    {
        public IReadOnlyList<string> Areas { get; } = [.. uses.Keys.SelectMany(k => new[] { k.From, k.To }).Distinct().Order()];

        public static AreaGraph Read(Assembly assembly)
        {
            var areas = assembly.GetTypes()
                .Select(t => t.Namespace)
                .OfType<string>()
                .Where(n => n == Features || n.StartsWith(Features + ".", StringComparison.Ordinal))
                .Select(AreaOf)
                .Distinct()
                .Order()
                .ToList();
            // The composition's own types by name: its namespace would also match every area below it.
            var composition = assembly.GetTypes().Where(t => t.Namespace == Features && !t.IsNested).Select(t => t.FullName!).ToArray();
            var types = Types.InAssembly(assembly);
            var found = new Dictionary<(string, string), IReadOnlyList<string>>();
            foreach (var from in areas)
            {
                foreach (var to in areas.Where(a => a != from))
                {
                    var users = types.That().ResideInNamespaceMatching(NamespacePattern(from))
                        .ShouldNot().HaveDependencyOnAny(to == Composition ? composition : [Features + "." + to])
                        .GetResult().FailingTypeNames ?? [];
                    if (users.Count > 0)
                    {
                        found[(from, to)] = [.. users.Select(OuterType).Distinct().Order()];
                    }
                }
            }

            return new AreaGraph(found);
        }

        public IReadOnlyList<string> Uses(string from, string to) => uses.TryGetValue((from, to), out var types) ? types : [];

        /// <summary>The groups of areas that reach each other (strongly connected, Tarjan), each with more than one area.</summary>
        public IReadOnlyList<IReadOnlyList<string>> Loops()
        {
            var index = new Dictionary<string, int>();
            var low = new Dictionary<string, int>();
            var stack = new Stack<string>();
            var loops = new List<IReadOnlyList<string>>();

            void Visit(string area)
            {
                index[area] = low[area] = index.Count;
                stack.Push(area);
                foreach (var next in Areas.Where(to => uses.ContainsKey((area, to))))
                {
                    if (!index.TryGetValue(next, out var seen))
                    {
                        Visit(next);
                        low[area] = Math.Min(low[area], low[next]);
                    }
                    else if (stack.Contains(next))
                    {
                        low[area] = Math.Min(low[area], seen);
                    }
                }

                if (low[area] == index[area])
                {
                    var group = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        group.Add(member);
                    }
                    while (member != area);
                    if (group.Count > 1)
                    {
                        loops.Add([.. group.Order()]);
                    }
                }
            }

            foreach (var area in Areas.Where(a => !index.ContainsKey(a)))
            {
                Visit(area);
            }

            return loops;
        }

        /// <summary>Every use inside a loop, with the types that make it.</summary>
        public string Describe(IReadOnlyList<string> loop) => string.Join("\n", uses
            .Where(u => loop.Contains(u.Key.From) && loop.Contains(u.Key.To))
            .OrderBy(u => u.Key.From).ThenBy(u => u.Key.To)
            .Select(u => $"  {u.Key.From} -> {u.Key.To}: {string.Join(", ", u.Value)}"));

        private static string AreaOf(string ns) => ns == Features ? Composition : ns[(Features.Length + 1)..].Split('.')[0];

        private static string NamespacePattern(string area) =>
            area == Composition ? $"^{Regex.Escape(Features)}$" : $"^{Regex.Escape(Features + "." + area)}(\\.|$)";

        private static string OuterType(string name)
        {
            var cut = name.IndexOfAny(['/', '+', '`']);
            return cut < 0 ? name : name[..cut];
        }
    }
}
