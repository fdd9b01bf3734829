using System.Collections;
using System.Reflection;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// Counts the components the app's open circuits keep, by type, and the render tree frames they hold (each component
/// keeps its current and its previous render tree). Blazor has no public API for this, so it reads the framework's
/// internals by reflection: a benchmark aid only, which reports nothing rather than fail when they change.
/// </summary>
internal sealed record CircuitCensus(int Circuits, IReadOnlyDictionary<string, int> ComponentsByType, IReadOnlyDictionary<string, long> FramesByType,
    IReadOnlyDictionary<string, long> FramesInUseByType)
{
    private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public int Components => ComponentsByType.Values.Sum();

    public long FrameCapacity => FramesByType.Values.Sum();

    public static CircuitCensus? Take(IServiceProvider services)
    {
        var registryType = typeof(Microsoft.AspNetCore.Components.Server.Circuits.Circuit).Assembly
            .GetType("Microsoft.AspNetCore.Components.Server.Circuits.CircuitRegistry");
        var registry = registryType is null ? null : services.GetService(registryType);
        if (registry?.GetType().GetProperty("ConnectedCircuits", Any)?.GetValue(registry) is not IDictionary hosts)
        {
            return null;
        }

        var byType = new Dictionary<string, int>();
        var frames = new Dictionary<string, long>();
        var inUse = new Dictionary<string, long>();
        foreach (var host in hosts.Values)
        {
            if (host!.GetType().GetProperty("Renderer", Any)?.GetValue(host) is not { } renderer
                || FieldOf(renderer, "_componentStateById") is not IDictionary states)
            {
                return null;
            }

            foreach (var state in states.Values)
            {
                var component = state!.GetType().GetProperty("Component", Any)!.GetValue(state)!;
                var name = component.GetType().Name;
                byType[name] = byType.GetValueOrDefault(name) + 1;
                frames[name] = frames.GetValueOrDefault(name) + CapacityOf(state, "CurrentRenderTree") + CapacityOf(state, "_nextRenderTree");
                inUse[name] = inUse.GetValueOrDefault(name) + InUseOf(state, "CurrentRenderTree");
            }
        }

        return new CircuitCensus(hosts.Count, byType, frames, inUse);
    }

    private static long CapacityOf(object state, string tree)
    {
        var builder = state.GetType().GetProperty(tree, Any)?.GetValue(state) ?? FieldOf(state, tree);
        var entries = builder is null ? null : FieldOf(builder, "_entries");
        return entries is not null && FieldOf(entries, "_items") is Array items ? items.Length : 0;
    }

    private static long InUseOf(object state, string tree)
    {
        var builder = state.GetType().GetProperty(tree, Any)?.GetValue(state) ?? FieldOf(state, tree);
        var entries = builder is null ? null : FieldOf(builder, "_entries");
        return entries is not null && FieldOf(entries, "_itemsInUse") is int count ? count : 0;
    }

    private static object? FieldOf(object target, string name)
    {
        for (var type = target.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetField(name, Any) is { } field)
            {
                return field.GetValue(target);
            }
        }

        return null;
    }
}
