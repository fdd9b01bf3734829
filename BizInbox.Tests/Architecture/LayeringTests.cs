using System.Reflection;
using NetArchTest.Rules;

namespace BizInbox.Tests.Architecture;

/// <summary>
/// The web project's top-level folders form layers, lowest first (README, "Layers"). A folder may use the folders
/// of its own layer and of the layers below, never one above, so no two folders import each other in a loop.
/// The check reads the compiled assembly: signatures, fields, attributes and method bodies, Razor components included.
/// </summary>
public class LayeringTests
{
    private const string Web = "BizInbox.Web.";

    /// <summary>Lowest first. Namespaces are folders; a layer of several folders lets them use each other.</summary>
    public static readonly string[][] Layers =
    [
        ["Data"],
        ["Servers"],
        ["Security"],
        ["Realtime"],
        ["Identity"],
        ["Localization", "Observability"],
        ["Ui"],
        ["Channels"],
        ["Features"],
        ["Components", "Seeding"],
    ];

    private static readonly Assembly Assembly = typeof(BizInbox.Web.SharedResource).Assembly;

    public static TheoryData<string> LayerNames => [.. Layers.Select(l => l[0])];

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void ALayer_UsesNoLayerAboveIt(string layer)
    {
        var index = Array.FindIndex(Layers, l => l[0] == layer);
        var above = Layers.Skip(index + 1).SelectMany(l => l).Select(f => Web + f).ToArray();
        if (above.Length == 0)
        {
            return;
        }

        var offenders = Layers[index]
            .SelectMany(folder => Types.InAssembly(Assembly)
                .That().ResideInNamespace(Web + folder)
                .ShouldNot().HaveDependencyOnAny(above)
                .GetResult().FailingTypeNames ?? [])
            .Select(OuterType)
            .Distinct()
            .Order()
            .ToList();

        offenders.ShouldBeEmpty(
            $"these types of {string.Join(", ", Layers[index])} use a layer above it ({string.Join(", ", above)}); " +
            "move the type to the layer it belongs to, or invert the dependency (an interface or an event below)");
    }

    [Fact]
    public void EveryTopLevelFolder_HasALayer()
    {
        var layered = Layers.SelectMany(l => l).Select(f => Web + f).ToList();
        var unlayered = Assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith(Web, StringComparison.Ordinal))
            .Select(n => Web + n[Web.Length..].Split('.')[0])
            .Distinct()
            .Where(n => !layered.Contains(n))
            .Order()
            .ToList();

        unlayered.ShouldBeEmpty("a new top-level folder needs its place in the layers (this test and the README)");
    }

    [Fact]
    public void TheCheck_SeesTheDependenciesOfTheTopLayer()
    {
        // Guards the test itself: the top layer uses the features, so a check that saw nothing would pass vacuously.
        Types.InAssembly(Assembly).That().ResideInNamespace(Web + "Components")
            .ShouldNot().HaveDependencyOn(Web + "Features").GetResult().IsSuccessful.ShouldBeFalse();
    }

    private static string OuterType(string name)
    {
        var cut = name.IndexOfAny(['/', '+', '`']);
        return cut < 0 ? name : name[..cut];
    }
}
