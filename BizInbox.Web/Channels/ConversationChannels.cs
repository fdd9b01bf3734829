using BizInbox.Domain.Channels;

namespace BizInbox.Web.Channels;

/// <summary>The outbound channel of each <see cref="ChannelType"/>, from the channels registered in DI (one per kind).</summary>
public sealed class ConversationChannels
{
    private readonly Dictionary<ChannelType, IOutboundChannel> _byKind = [];

    public ConversationChannels(IEnumerable<IOutboundChannel> channels)
    {
        foreach (var channel in channels)
        {
            if (!_byKind.TryAdd(channel.Kind, channel))
            {
                throw new InvalidOperationException($"Two outbound channels are registered for {channel.Kind}: {_byKind[channel.Kind].GetType().Name} and {channel.GetType().Name}.");
            }
        }
    }

    public IReadOnlyCollection<ChannelType> Kinds => _byKind.Keys;

    public IOutboundChannel For(ChannelType kind) =>
        _byKind.TryGetValue(kind, out var channel)
            ? channel
            : throw new InvalidOperationException($"No outbound channel is registered for channel type {kind}; register an {nameof(IOutboundChannel)} for it.");
}
