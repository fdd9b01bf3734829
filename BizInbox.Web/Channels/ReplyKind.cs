namespace BizInbox.Web.Channels;

/// <summary>What an agent is composing; each channel says which kinds it takes (<see cref="IOutboundChannel.Kinds"/>).</summary>
public enum ReplyKind
{
    Text,
    Buttons,
    List,
    Attachment,
    Template,
}
