using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BizInbox.Web.Ui;

/// <summary>
/// Lets every circuit share the JSON metadata of what it sends to and reads from the browser. Each circuit's
/// <see cref="JSRuntime"/> has its own serializer options (their converters hold the circuit's object references), so
/// System.Text.Json built the metadata of every type again per circuit: MudBlazor's options and results, about 146
/// types with 105 emitted accessors, some 140 KB. Added to a circuit's options before their first use, this factory
/// hands each plain type (nothing inside can be an object, element or stream reference, a byte array or an open type
/// such as <c>object</c>) to one options instance for the whole app, with the same settings; the circuit keeps only a
/// small entry per type. Everything else is serialized by the circuit's own options as before.
/// </summary>
public sealed class SharedInteropJson : JsonConverterFactory
{
    public static readonly SharedInteropJson Instance = new();

    private static readonly PropertyInfo? RuntimeOptions =
        typeof(JSRuntime).GetProperty("JsonSerializerOptions", BindingFlags.Instance | BindingFlags.NonPublic);

    private static readonly ConcurrentDictionary<Type, bool> Shareable = new();
    private static readonly ConcurrentDictionary<Type, JsonConverter> Converters = new();
    private static JsonSerializerOptions? _shared;

    private SharedInteropJson()
    {
    }

    /// <summary>Adds the factory to a circuit's JavaScript runtime; false when its options are already in use or not reachable.</summary>
    public static bool AddTo(IJSRuntime js)
    {
        if (js is not JSRuntime runtime || RuntimeOptions?.GetValue(runtime) is not JsonSerializerOptions { IsReadOnly: false } options)
        {
            return false;
        }

        if (!options.Converters.Contains(Instance))
        {
            options.Converters.Add(Instance);
            options.TypeInfoResolver = new WithoutPlainAncestors(options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
        }

        return true;
    }

    /// <summary>
    /// Interop arguments are passed as <c>object</c>. For each runtime type written that way, System.Text.Json looks up
    /// the metadata of every base type and interface, in case one declares polymorphism. For an <c>int</c> or a
    /// <c>long</c> that is some thirty generic-math interfaces (<c>INumber&lt;int&gt;</c>, <c>IParsable&lt;int&gt;</c>, …), kept per
    /// circuit: about 130 types and 100 KB for every agent. None of these is ever written or read over interop, and
    /// none declares polymorphism, so this resolver has no metadata for them (which the lookup takes as "not
    /// polymorphic"): the system's interfaces other than the generic collections (<c>IEnumerable&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, …,
    /// which interop results may be declared as), and <see cref="Enum"/> and <see cref="ValueType"/>.
    /// </summary>
    internal sealed class WithoutPlainAncestors(IJsonTypeInfoResolver inner) : IJsonTypeInfoResolver
    {
        public IJsonTypeInfoResolver Inner => inner;

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
            IsPlainAncestor(type) ? null : inner.GetTypeInfo(type, options);

        internal static bool IsPlainAncestor(Type type) =>
            type == typeof(Enum) || type == typeof(ValueType)
            || (type.IsInterface && type.Assembly == typeof(object).Assembly
                && (type.Namespace is "System" or "System.Numerics" or "System.Runtime.Serialization" || type.Namespace == "System.Collections" && !type.IsGenericType));
    }

    /// <summary>Whether a JavaScript runtime's options have the factory.</summary>
    public static bool IsIn(IJSRuntime js) =>
        js is JSRuntime runtime && RuntimeOptions?.GetValue(runtime) is JsonSerializerOptions options && options.Converters.Contains(Instance);

    public override bool CanConvert(Type typeToConvert) => !IsSimple(typeToConvert) && Shareable.GetOrAdd(typeToConvert, type => IsPlain(type, []));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        // The circuit's settings without its converters (which hold that circuit's references).
        LazyInitializer.EnsureInitialized(ref _shared, () =>
        {
            var shared = new JsonSerializerOptions(options);
            shared.Converters.Clear();
            shared.MakeReadOnly(populateMissingResolver: true);
            return shared;
        });
        return Converters.GetOrAdd(typeToConvert, type => (JsonConverter)Activator.CreateInstance(typeof(SharedConverter<>).MakeGenericType(type))!);
    }

    private sealed class SharedConverter<T> : JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<T>(ref reader, _shared!);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, _shared!);
    }

    // Types the serializer handles with a built-in converter of its own gain nothing from sharing.
    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
        || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(Uri)
        || Nullable.GetUnderlyingType(type) is { } inner && IsSimple(inner);

    private static bool IsPlain(Type type, HashSet<Type> seen)
    {
        if (IsSimple(type) || !seen.Add(type))
        {
            return true;
        }

        if (type == typeof(object) || type == typeof(byte[]) || type == typeof(ElementReference) || type == typeof(DotNetStreamReference)
            || typeof(IJSObjectReference).IsAssignableFrom(type) || typeof(IJSStreamReference).IsAssignableFrom(type)
            || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(DotNetObjectReference<>)
            || typeof(Stream).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type)
            || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement) || type == typeof(JsonDocument)
            || type.IsAbstract && !IsCollectionInterface(type) || type.IsPointer || type.ContainsGenericParameters
            || type.GetCustomAttribute<JsonPolymorphicAttribute>() is not null || type.GetCustomAttribute<JsonDerivedTypeAttribute>() is not null)
        {
            return false;
        }

        if (type.IsArray)
        {
            return IsPlain(type.GetElementType()!, seen);
        }

        if (type.GetGenericArguments().Any(argument => !IsPlain(argument, seen)))
        {
            return false;
        }

        // A collection is written as its items (its type arguments, checked above), not its properties.
        if (typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return type.IsGenericType;
        }

        const BindingFlags members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        return type.GetProperties(members).Where(p => p.GetIndexParameters().Length == 0 && (p.GetMethod?.IsPublic == true || p.IsDefined(typeof(JsonIncludeAttribute))))
                .All(p => IsPlain(p.PropertyType, seen))
            && type.GetFields(members).Where(f => f.IsDefined(typeof(JsonIncludeAttribute))).All(f => IsPlain(f.FieldType, seen));
    }

    private static bool IsCollectionInterface(Type type) =>
        type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() is var open
        && (open == typeof(IEnumerable<>) || open == typeof(IList<>) || open == typeof(ICollection<>) || open == typeof(IReadOnlyList<>)
            || open == typeof(IReadOnlyCollection<>) || open == typeof(IDictionary<,>) || open == typeof(IReadOnlyDictionary<,>) || open == typeof(ISet<>));
}

/// <summary>Registration of <see cref="SharedInteropJson"/>.</summary>
public static class SharedInteropJsonRegistration
{
    /// <summary>
    /// Adds the shared metadata to each circuit's JavaScript runtime as it is created: its options are in use before any
    /// circuit handler runs (the renderer's first call). Call after <c>AddInteractiveServerComponents</c>; without
    /// Blazor's own registration of the runtime (another Blazor version), nothing changes.
    /// </summary>
    public static IServiceCollection AddSharedInteropJson(this IServiceCollection services)
    {
        var index = services.ToList().FindLastIndex(d => d.ServiceType == typeof(IJSRuntime) && d.ImplementationType?.Name == "RemoteJSRuntime");
        if (index >= 0 && services[index].ImplementationType is { } runtime)
        {
            services[index] = ServiceDescriptor.Scoped<IJSRuntime>(provider =>
            {
                var js = (IJSRuntime)ActivatorUtilities.CreateInstance(provider, runtime);
                SharedInteropJson.AddTo(js);
                return js;
            });
        }

        return services;
    }
}
