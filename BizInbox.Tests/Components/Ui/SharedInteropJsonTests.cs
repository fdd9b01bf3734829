using System.Text.Json;
using BizInbox.Web.Ui;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Microsoft.JSInterop.Infrastructure;

namespace BizInbox.Tests.Components.Ui;

public sealed class SharedInteropJsonTests
{
    [Fact]
    public void PlainTypes_AreWrittenAndReadAsBefore_WithTheirMetadataBuiltOncePerApp()
    {
        var shared = new CircuitRuntime(share: true);
        var own = new CircuitRuntime(share: false);
        var update = new PopoverUpdate("popover-1", new Position(12.5, 40), ["mud-menu-list", "bi-bell-list"], new() { ["items"] = 3 }, null);
        object?[] args = ["popover-1", 3, update, new Position(1, 2)];

        var json = JsonSerializer.Serialize(args, shared.Options);

        json.ShouldBe(JsonSerializer.Serialize(args, own.Options));
        json.ShouldContain("\"classes\":[\"mud-menu-list\",\"bi-bell-list\"]", Case.Sensitive, "the circuit's camelCase naming holds");
        var read = JsonSerializer.Deserialize<PopoverUpdate>("{\"ID\":\"p\",\"at\":{\"top\":1,\"left\":2},\"classes\":[\"a\"],\"counts\":{},\"open\":true}", shared.Options)!;
        (read.Id, read.At, read.Classes.Single(), read.Open).ShouldBe(("p", new Position(1, 2), "a", (bool?)true));
        shared.Options.GetTypeInfo(typeof(PopoverUpdate)).Properties.ShouldBeEmpty("the circuit keeps no property metadata of its own");
        own.Options.GetTypeInfo(typeof(PopoverUpdate)).Properties.Count.ShouldBe(5);
    }

    [Fact]
    public void TypesThatCanHoldReferences_StayWithTheCircuitsOwnOptions()
    {
        var shared = new CircuitRuntime(share: true);
        using var target = DotNetObjectReference.Create(new Target());

        var json = JsonSerializer.Serialize<object[]>([new Callback("resize", target), new Loose("x", target)], shared.Options);

        json.ShouldBe("[{\"name\":\"resize\",\"target\":{\"__dotNetObject\":1}},{\"name\":\"x\",\"payload\":{\"__dotNetObject\":1}}]");
        shared.Options.GetTypeInfo(typeof(Callback)).Properties.Count.ShouldBe(2);
        shared.Options.GetTypeInfo(typeof(Loose)).Properties.Count.ShouldBe(2);
        shared.Options.GetTypeInfo(typeof(byte[][])).Kind.ShouldBe(System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Enumerable);
    }

    [Fact]
    public void NumbersAndTextPassedAsObjects_AreWrittenAndReadAsBefore_WithoutMetadataForTheirInterfaces()
    {
        var shared = new CircuitRuntime(share: true);
        var own = new CircuitRuntime(share: false);
        object?[] args = [3, 4L, 2.5f, "text", true, Guid.Empty, DayOfWeek.Monday, new List<Guid> { Guid.Empty }, new Dictionary<string, object> { ["n"] = 1 }];

        var json = JsonSerializer.Serialize(args, shared.Options);

        json.ShouldBe(JsonSerializer.Serialize(args, own.Options));
        JsonSerializer.Deserialize<List<Guid>>("[\"00000000-0000-0000-0000-000000000000\"]", shared.Options).ShouldBe([Guid.Empty]);
        JsonSerializer.Deserialize<IReadOnlyList<int>>("[1,2]", shared.Options).ShouldBe([1, 2]);
        foreach (var ancestor in new[] { typeof(System.Numerics.INumber<int>), typeof(IComparable<long>), typeof(IParsable<string>), typeof(IConvertible), typeof(System.Collections.IList), typeof(System.Runtime.Serialization.ISerializable), typeof(Enum), typeof(ValueType) })
        {
            shared.Options.TryGetTypeInfo(ancestor, out _).ShouldBeFalse($"{ancestor} gets no metadata of the circuit's own");
            own.Options.TryGetTypeInfo(ancestor, out _).ShouldBeTrue($"{ancestor} without the resolver");
        }

        shared.Options.TryGetTypeInfo(typeof(IEnumerable<Guid>), out _).ShouldBeTrue("collection interfaces are read and written");
    }

    [Fact]
    public void EveryCircuitsRuntime_HasTheFactory_BeforeItsFirstCall()
    {
        using var app = new BizInbox.Tests.Http.AppFactory();
        using var scope = app.Services.CreateScope();

        var js = scope.ServiceProvider.GetRequiredService<IJSRuntime>();

        js.GetType().Name.ShouldBe("RemoteJSRuntime");
        SharedInteropJson.IsIn(js).ShouldBeTrue();
    }

    [Fact]
    public void OptionsAlreadyInUse_AreLeftAlone()
    {
        var own = new CircuitRuntime(share: false);
        JsonSerializer.Serialize(new Position(1, 2), own.Options);

        SharedInteropJson.AddTo(own).ShouldBeFalse();
        own.Options.Converters.ShouldNotContain(SharedInteropJson.Instance);
    }

    public sealed record Position(double Top, double Left);

    public sealed record PopoverUpdate(string Id, Position At, IReadOnlyList<string> Classes, Dictionary<string, int> Counts, bool? Open);

    public sealed record Callback(string Name, DotNetObjectReference<Target> Target);

    public sealed record Loose(string Name, object Payload);

    public sealed class Target;

    private sealed class CircuitRuntime : JSRuntime
    {
        public CircuitRuntime(bool share)
        {
            if (share)
            {
                SharedInteropJson.AddTo(this).ShouldBeTrue();
            }
        }

        public JsonSerializerOptions Options => JsonSerializerOptions;

        protected override void BeginInvokeJS(long taskId, string identifier, string? argsJson, JSCallResultType resultType, long targetInstanceId)
        {
        }

        protected override void EndInvokeDotNet(DotNetInvocationInfo invocationInfo, in DotNetInvocationResult invocationResult)
        {
        }
    }
}
