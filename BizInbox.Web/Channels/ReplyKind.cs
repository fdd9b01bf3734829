namespace BizInbox.Web.Features.Inbox;

/// <summary>What an agent is composing on WhatsApp.</summary>
public enum ReplyKind
{
    Text,
    Buttons,
    List,
    Attachment,
    Template,
}
