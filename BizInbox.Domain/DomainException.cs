namespace BizInbox.Domain;

/// <summary>
/// A business rule was broken. <see cref="Code"/> is stable and used as a resource key for the message
/// shown to the user; <see cref="Exception.Message"/> is the English text for logs.
/// </summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    /// <summary>Stable identifier of the broken rule, e.g. <c>invitation.expired</c>.</summary>
    public string Code { get; } = code;
}
