using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.Inbox;
using Bunit;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>The attribution beside a message that came from an ad or post.</summary>
public sealed class AdAttributionTests : ComponentTest
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 30, 0, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync();
    }

    private static AdReferral Ad(string type = "ad", string? headline = "Frühlings-Check", string? url = "https://fb.me/3cr4Wqqkv") =>
        new(type, "1202", url, headline, "Nur im April", "image", null, null, null, "ARAk");

    [Theory]
    [InlineData("ad", "Frühlings-Check", "Came via ad “Frühlings-Check”")]
    [InlineData("post", "Neue Räder", "Came via post “Neue Räder”")]
    [InlineData("ad", null, "Came via an ad")]
    public void NamesTheAdOrPost(string type, string? headline, string shown)
    {
        var attribution = Render<AdAttribution>(p => p.Add(a => a.Referral, Ad(type, headline)));

        attribution.Find("[data-role=referral] span").TextContent.ShouldBe(shown);
        attribution.Find("a").GetAttribute("href").ShouldBe("https://fb.me/3cr4Wqqkv");
        attribution.Markup.ShouldContain("Nur im April");
    }

    [Fact]
    public void InTheBubble_TheAttributionIsShown_AndTheMessageTextIsTheCustomers()
    {
        var message = new ThreadMessage(7, MessageKind.Incoming, "Ich möchte einen Termin", "Clara", null, At, DeliveryStatus.None, ActivityKind.None, null,
            Referral: Ad());

        var bubble = Render<MessageBubble>(p => p.Add(b => b.Message, message));

        bubble.Find("[data-role=referral]").TextContent.ShouldContain("Came via ad “Frühlings-Check”");
        bubble.Find(".bi-msg-text").TextContent.ShouldBe("Ich möchte einen Termin");
    }

    [Fact]
    public void Compact_IsOneLine()
    {
        var attribution = Render<AdAttribution>(p => p.Add(a => a.Referral, Ad()).Add(a => a.Compact, true));

        attribution.FindAll("a").ShouldBeEmpty();
        attribution.Markup.ShouldNotContain("Nur im April");
    }
}
