using BizInbox.Domain;
using BizInbox.Domain.Channels;
using static BizInbox.Tests.Domain.Conversations.ConversationFactory;

namespace BizInbox.Tests.Domain.Conversations;

public partial class InboxTests
{
    [Theory]
    [InlineData(ChannelType.WebChat)]
    [InlineData(ChannelType.WhatsApp)]
    public void Create_IsEnabledWithATrimmedNameAndNoGreeting(ChannelType channel)
    {
        var inbox = Inbox.Create("  Website chat ", channel, Now);

        inbox.Name.ShouldBe("Website chat");
        inbox.Channel.ShouldBe(channel);
        inbox.IsEnabled.ShouldBeTrue();
        inbox.Greeting.ShouldBeNull();
        inbox.CreatedAt.ShouldBe(Now);
    }

    [Fact]
    public void Create_GivesA24HexCharacterPublicKey() =>
        HexKey().IsMatch(Inbox.Create("Website chat", ChannelType.WebChat, Now).PublicKey).ShouldBeTrue();

    [Fact]
    public void Create_NeverGivesTwoInboxesTheSamePublicKey()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => Inbox.Create("Website chat", ChannelType.WebChat, Now).PublicKey).ToList();

        keys.Distinct().Count().ShouldBe(keys.Count);
        keys.ShouldAllBe(k => HexKey().IsMatch(k));
    }

    [Fact]
    public void Rename_KeepsThePublicKey()
    {
        var inbox = Inbox.Create("Website chat", ChannelType.WebChat, Now);
        var key = inbox.PublicKey;

        inbox.Rename("Shop chat");

        inbox.Name.ShouldBe("Shop chat");
        inbox.PublicKey.ShouldBe(key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithoutAName_IsRefused(string? name) =>
        Should.Throw<DomainException>(() => Inbox.Create(name!, ChannelType.WebChat, Now)).Code.ShouldBe("inbox.name_required");

    [Theory]
    [InlineData(80, true)]
    [InlineData(81, false)]
    public void Create_NameMayHaveAtMost80Characters(int length, bool accepted)
    {
        var name = new string('n', length);

        if (accepted)
        {
            Inbox.Create(name, ChannelType.WebChat, Now).Name.ShouldBe(name);
        }
        else
        {
            Should.Throw<DomainException>(() => Inbox.Create(name, ChannelType.WebChat, Now)).Code.ShouldBe("inbox.name_too_long");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Rename_ToNothing_IsRefusedAndKeepsTheName(string? name)
    {
        var inbox = Inbox.Create("Website chat", ChannelType.WebChat, Now);

        Should.Throw<DomainException>(() => inbox.Rename(name!)).Code.ShouldBe("inbox.name_required");

        inbox.Name.ShouldBe("Website chat");
    }

    [Fact]
    public void ChangeGreeting_SetsATrimmedGreeting()
    {
        var inbox = Inbox.Create("Website chat", ChannelType.WebChat, Now);

        inbox.ChangeGreeting("  Hi! How can we help?\n");

        inbox.Greeting.ShouldBe("Hi! How can we help?");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void ChangeGreeting_ToNothing_ClearsIt(string? greeting)
    {
        var inbox = Inbox.Create("Website chat", ChannelType.WebChat, Now);
        inbox.ChangeGreeting("Hi!");

        inbox.ChangeGreeting(greeting);

        inbox.Greeting.ShouldBeNull();
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(501, false)]
    public void ChangeGreeting_MayHaveAtMost500Characters(int length, bool accepted)
    {
        var inbox = Inbox.Create("Website chat", ChannelType.WebChat, Now);
        var greeting = new string('g', length);

        if (accepted)
        {
            inbox.ChangeGreeting(greeting);
            inbox.Greeting.ShouldBe(greeting);
        }
        else
        {
            Should.Throw<DomainException>(() => inbox.ChangeGreeting(greeting)).Code.ShouldBe("inbox.greeting_too_long");
            inbox.Greeting.ShouldBeNull();
        }
    }

    [Fact]
    public void SetEnabled_StopsAndResumesAcceptingConversations()
    {
        var inbox = Inbox.Create("Website chat", ChannelType.WebChat, Now);

        inbox.SetEnabled(false);
        inbox.IsEnabled.ShouldBeFalse();

        inbox.SetEnabled(true);
        inbox.IsEnabled.ShouldBeTrue();
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-fA-F]{24}$")]
    private static partial System.Text.RegularExpressions.Regex HexKey();
}
