namespace BizInbox.Web.Channels.WebChat;

/// <summary>The "WebChat:Limits" section: how much one address or one connection may ask of the widget's hub.</summary>
public sealed class WebChatLimitsOptions
{
    public const string Section = "WebChat:Limits";

    /// <summary>Hub connections (negotiate and connect requests) per address per minute; more are answered 429.</summary>
    public int ConnectionsPerAddressPerMinute { get; set; } = 30;

    public int SessionStartsPerAddress { get; set; } = 10;

    public int SessionStartsPerConnection { get; set; } = 3;

    public TimeSpan SessionStartWindow { get; set; } = TimeSpan.FromMinutes(10);

    public int MessagesPerAddressPerMinute { get; set; } = 60;

    public int MessagesPerConnectionPerMinute { get; set; } = 30;

    /// <summary>Typing events closer together than this are dropped.</summary>
    public TimeSpan TypingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>One inbox entry per flooding address within this time.</summary>
    public TimeSpan FloodNoticeInterval { get; set; } = TimeSpan.FromHours(1);
}
