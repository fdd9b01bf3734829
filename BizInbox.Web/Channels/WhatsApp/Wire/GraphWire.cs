using System.Text.Json.Serialization;

namespace BizInbox.Web.Channels.WhatsApp.Wire;

// The Graph API's answers as Meta documents them: the app reads them through these records, the simulator writes them.

/// <summary>The answer to a send: who it went to and the new message's id (wamid).</summary>
public sealed record GraphSendAnswer
{
    public string? MessagingProduct { get; init; }

    [JsonConverter(typeof(ListOf<GraphSendContact>))]
    public IReadOnlyList<GraphSendContact>? Contacts { get; init; }

    [JsonConverter(typeof(ListOf<GraphSentMessage>))]
    public IReadOnlyList<GraphSentMessage>? Messages { get; init; }
}

public sealed record GraphSendContact
{
    public string? Input { get; init; }

    public string? WaId { get; init; }
}

/// <summary>A sent message's id; a template send also says <c>"message_status":"accepted"</c>.</summary>
public sealed record GraphSentMessage
{
    public string? Id { get; init; }

    public string? MessageStatus { get; init; }
}

/// <summary>What the media endpoint says about a media id: where to download it, its type, size and hash.</summary>
public sealed record GraphMediaAnswer
{
    public string? MessagingProduct { get; init; }

    public string? Url { get; init; }

    public string? MimeType { get; init; }

    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    public long? FileSize { get; init; }

    public string? Id { get; init; }
}

/// <summary>An answer that names a new object (an uploaded media file, an app, an upload session).</summary>
public sealed record GraphIdAnswer
{
    public string? Id { get; init; }
}

/// <summary><c>{"success":true}</c>, as a mark-as-read or a profile update answers.</summary>
public sealed record GraphSuccessAnswer
{
    public bool? Success { get; init; }
}

/// <summary>Meta's error envelope: <c>{"error":{...}}</c>.</summary>
public sealed record GraphErrorAnswer
{
    [JsonConverter(typeof(ObjectOrNull<GraphErrorBody>))]
    public GraphErrorBody? Error { get; init; }
}

public sealed record GraphErrorBody
{
    public string? Message { get; init; }

    public string? Type { get; init; }

    public int? Code { get; init; }

    public int? ErrorSubcode { get; init; }

    public string? ErrorUserTitle { get; init; }

    public string? ErrorUserMsg { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<GraphErrorData>))]
    public GraphErrorData? ErrorData { get; init; }

    public string? FbtraceId { get; init; }
}

public sealed record GraphErrorData
{
    public string? MessagingProduct { get; init; }

    public string? Details { get; init; }
}
