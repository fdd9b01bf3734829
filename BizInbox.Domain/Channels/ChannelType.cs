namespace BizInbox.Domain.Channels;

/// <summary>Where an inbox's conversations come from.</summary>
public enum ChannelType
{
    /// <summary>The chat widget embedded on the business's website.</summary>
    WebChat = 0,

    /// <summary>The WhatsApp Business Platform (Cloud API).</summary>
    WhatsApp = 1,
}
