using BizInbox.Web.Channels;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Channels.WhatsApp;

namespace BizInbox.Tests.Channels;

/// <summary>What each channel lets the composer offer: the rule the composer asks the channel instead of knowing it.</summary>
public sealed class ComposerOfferTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ChannelJobSignal _outbox = new();

    private WhatsAppChannel WhatsApp => new(_outbox, TimeProvider.System);

    public void Dispose() => _outbox.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(24 * 60 - 1)]
    public void WhatsApp_InsideTheWindow_OffersEveryKind_AndSaysWhenTheWindowCloses(int minutesAgo)
    {
        var lastCustomerMessage = Now.AddMinutes(-minutesAgo);

        var offer = WhatsApp.Offer(lastCustomerMessage, Now);

        offer.Kinds.ShouldBe(new[] { ReplyKind.Text, ReplyKind.Buttons, ReplyKind.List, ReplyKind.Attachment, ReplyKind.Template });
        (offer.ChoosesKind, offer.WindowOpen, offer.WindowClosesAt).ShouldBe((true, true, (DateTimeOffset?)lastCustomerMessage.AddHours(24)));
        offer.Effective(ReplyKind.List).ShouldBe(ReplyKind.List);
    }

    [Theory]
    [InlineData(24 * 60)]
    [InlineData(30 * 24 * 60)]
    public void WhatsApp_OutsideTheWindow_OffersOnlyATemplate_WhateverTheAgentChose(int minutesAgo)
    {
        var offer = WhatsApp.Offer(Now.AddMinutes(-minutesAgo), Now);

        offer.Kinds.ShouldBe(new[] { ReplyKind.Template });
        offer.WindowOpen.ShouldBeFalse();
        offer.Effective(ReplyKind.Buttons).ShouldBe(ReplyKind.Template);
        offer.Takes(ReplyKind.Attachment).ShouldBeFalse();
    }

    [Fact]
    public void WhatsApp_BeforeTheCustomerWrote_OffersOnlyATemplate_AndNoClosingTime()
    {
        var offer = WhatsApp.Offer(null, Now);

        offer.Kinds.ShouldBe(new[] { ReplyKind.Template });
        offer.WindowClosesAt.ShouldBeNull();
    }

    [Fact]
    public void WebChat_OffersTextAndFiles_AtAnyTime_WithoutAChoiceOfKind()
    {
        var offer = new WebChatChannel().Offer(Now.AddDays(-30), Now);

        offer.Kinds.ShouldBe(new[] { ReplyKind.Text, ReplyKind.Attachment });
        (offer.ChoosesKind, offer.WindowOpen, offer.WindowClosesAt).ShouldBe((false, true, (DateTimeOffset?)null));
        offer.Effective(ReplyKind.Template).ShouldBe(ReplyKind.Text);
    }
}
