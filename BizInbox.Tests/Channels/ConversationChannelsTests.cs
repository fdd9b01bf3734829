using BizInbox.Domain.Channels;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Data;

namespace BizInbox.Tests.Channels;

public sealed class ConversationChannelsTests
{
    [Fact]
    public void For_AChannelTypeWithoutAChannel_SaysWhichTypeAndWhatToRegister()
    {
        var channels = new ConversationChannels([new WebChatChannel()]);

        var error = Should.Throw<InvalidOperationException>(() => channels.For(ChannelType.WhatsApp));

        error.Message.ShouldBe("No outbound channel is registered for channel type WhatsApp; register an IOutboundChannel for it.");
    }

    [Fact]
    public void TwoChannelsForOneType_AreRefused()
    {
        var error = Should.Throw<InvalidOperationException>(() => new ConversationChannels([new WebChatChannel(), new WebChatChannel()]));

        error.Message.ShouldStartWith("Two outbound channels are registered for WebChat");
    }
}

/// <summary>The app's own registrations: every kind of inbox can be answered, by exactly one channel.</summary>
public sealed class ConversationChannelsRegistrationTests() : DatabaseTest(DatabaseProvider.Sqlite, null)
{
    [Fact]
    public void EveryChannelType_HasExactlyOneOutboundChannel()
    {
        var channels = Database.Get<ConversationChannels>();

        channels.Kinds.Order().ShouldBe(Enum.GetValues<ChannelType>());
        foreach (var kind in Enum.GetValues<ChannelType>())
        {
            channels.For(kind).Kind.ShouldBe(kind);
        }
    }
}
