namespace BizInbox.Domain.Conversations;

/// <summary>Which automatic message an outgoing message is; <see cref="None"/> for everything a person wrote.</summary>
public enum AutomaticMessageKind
{
    /// <summary>Not automatic.</summary>
    None = 0,

    /// <summary>The greeting sent on a customer's first message (or first after a silence).</summary>
    Greeting = 1,

    /// <summary>The away message sent outside business hours.</summary>
    Away = 2,
}
