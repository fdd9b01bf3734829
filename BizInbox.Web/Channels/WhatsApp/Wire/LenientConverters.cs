using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace BizInbox.Web.Channels.WhatsApp.Wire;

// Meta's payloads are read as leniently as they always were: a value of an unexpected kind reads as missing rather than
// failing the whole webhook, so that one odd field never loses the messages around it.

/// <summary>A string, or a number as its text (Meta sends ids and timestamps either way); any other value reads as missing.</summary>
internal sealed class TextOrNumber : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A value that reads as missing (null) when it is of another kind, and is written as null when missing.</summary>
internal abstract class LenientValue<T> : JsonConverter<T?> where T : struct
{
    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = ReadValue(ref reader);
        reader.Skip();
        return value;
    }

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is { } present)
        {
            WriteValue(writer, present);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>The value at the reader, or null when it is of another kind (the base skips past it either way).</summary>
    protected abstract T? ReadValue(ref Utf8JsonReader reader);

    protected abstract void WriteValue(Utf8JsonWriter writer, T value);
}

/// <summary>A number, or a string holding one; anything else reads as missing.</summary>
internal sealed class LenientNumber : LenientValue<double>
{
    protected override double? ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.TryGetDouble(out var number) ? number : null,
        JsonTokenType.String => double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        _ => null,
    };

    protected override void WriteValue(Utf8JsonWriter writer, double value) => writer.WriteNumberValue(value);
}

/// <summary>A JSON number that fits an int; anything else reads as missing.</summary>
internal sealed class LenientInt32 : LenientValue<int>
{
    protected override int? ReadValue(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) ? number : null;

    protected override void WriteValue(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);
}

/// <summary>A JSON number that fits a long; anything else reads as missing.</summary>
internal sealed class LenientInt64 : LenientValue<long>
{
    protected override long? ReadValue(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number) ? number : null;

    protected override void WriteValue(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);
}

/// <summary>true or false; anything else reads as missing.</summary>
internal sealed class LenientBool : LenientValue<bool>
{
    protected override bool? ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => null,
    };

    protected override void WriteValue(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);
}

/// <summary>An object where Meta puts one; any other value there (null, a string, a list) reads as an object with every field missing.</summary>
internal sealed class ObjectOrEmpty<T> : JsonConverter<T> where T : class, new()
{
    public override bool HandleNull => true;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => WireObject.Read<T>(ref reader, options) ?? new T();

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, WireObject.Info<T>(options));
}

/// <summary>An object where Meta puts one; any other value there reads as none.</summary>
internal sealed class ObjectOrNull<T> : JsonConverter<T> where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => WireObject.Read<T>(ref reader, options);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, WireObject.Info<T>(options));
}

/// <summary>A list of objects; a value that is no list reads as an empty one, an item that is no object as one with every field missing.</summary>
internal sealed class ListOf<T> : JsonConverter<IReadOnlyList<T>> where T : class, new()
{
    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var items = new List<T>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return items;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(ReadItem(ref reader, options));
        }

        return items;
    }

    /// <summary>One item; the reader ends on its last token.</summary>
    internal static T ReadItem(ref Utf8JsonReader reader, JsonSerializerOptions options) => WireObject.Read<T>(ref reader, options) ?? new T();

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, WireObject.Info<T>(options));
        }

        writer.WriteEndArray();
    }
}

/// <summary>The customer's messages, each keeping the exact JSON it arrived as (<see cref="WebhookMessage.Raw"/>).</summary>
internal sealed class MessageList : JsonConverter<IReadOnlyList<WebhookMessage>>
{
    public override IReadOnlyList<WebhookMessage> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var messages = new List<WebhookMessage>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return messages;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var element = JsonElement.ParseValue(ref reader);
            var message = element.ValueKind == JsonValueKind.Object ? element.Deserialize(WireObject.Info<WebhookMessage>(options)) : null;
            messages.Add((message ?? new WebhookMessage()) with { Raw = element.GetRawText() });
        }

        return messages;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<WebhookMessage> value, JsonSerializerOptions options) =>
        new ListOf<WebhookMessage>().Write(writer, value, options);
}

internal static class WireObject
{
    public static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    /// <summary>The object at the reader, or null (skipping the value) when it is none.</summary>
    public static T? Read<T>(ref Utf8JsonReader reader, JsonSerializerOptions options) where T : class
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return JsonSerializer.Deserialize(ref reader, Info<T>(options));
        }

        reader.Skip();
        return null;
    }
}
