namespace BizInbox.Web.Features.Contacts;

/// <summary>Who a new conversation goes to: a contact, or a number typed by the agent.</summary>
public sealed record Recipient(Guid? ContactId, string Name, string? Number)
{
    /// <summary>A number typed by the agent, not (yet) known as a contact.</summary>
    public bool IsTyped => ContactId is null;
}
