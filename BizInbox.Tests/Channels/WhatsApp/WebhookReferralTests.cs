using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.Inbox;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>A customer who taps a click-to-WhatsApp ad: the ad is kept with their message, filterable, and never becomes its text.</summary>
public sealed class WebhookReferralTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private const string Referral = """
        "referral":{"source_url":"https://fb.me/3cr4Wqqkv","source_id":"120212345678900123","source_type":"ad",
          "headline":"Frühlings-Check für 49 €","body":"Jetzt Termin sichern – nur im April.","media_type":"image",
          "image_url":"https://scontent.xx.fbcdn.net/v/t45.1600-4/ad.jpg","thumbnail_url":"https://scontent.xx.fbcdn.net/v/t45.1600-4/thumb.jpg",
          "ctwa_clid":"ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a"}
        """;

    [Fact]
    public async Task AMessageFromAnAd_KeepsTheReferral_AndItsTextIsTheCustomers()
    {
        var customer = WebhookApp.NewCustomer();
        var wamid = "wamid.AD-" + customer;

        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", $$"""
            {"from":"{{customer}}","id":"{{wamid}}","timestamp":"{{Timestamp(DateTimeOffset.UtcNow)}}","type":"text",
             "text":{"body":"Ich möchte einen Termin"},{{Referral}}}
            """));

        var message = (await app.IncomingAsync(customer)).ShouldHaveSingleItem();
        message.Text.ShouldBe("Ich möchte einen Termin");
        message.Referral.ShouldBe(new AdReferral("ad", "120212345678900123", "https://fb.me/3cr4Wqqkv", "Frühlings-Check für 49 €",
            "Jetzt Termin sichern – nur im April.", "image", "https://scontent.xx.fbcdn.net/v/t45.1600-4/ad.jpg", null,
            "https://scontent.xx.fbcdn.net/v/t45.1600-4/thumb.jpg",
            "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a"));
        var conversation = await app.ConversationAsync(customer);
        conversation.LastMessagePreview.ShouldBe("Ich möchte einen Termin");
        var shown = (await app.Service<ThreadQueries>().MessagesAsync(conversation.Id, null)).Messages.ShouldHaveSingleItem();
        shown.Referral!.Headline.ShouldBe("Frühlings-Check für 49 €");
    }

    [Fact]
    public async Task TheContactShowsTheAdOfTheirFirstConversation_AndTheInboxFiltersThoseWhoCameViaAnAd()
    {
        var fromAd = WebhookApp.NewCustomer();
        var organic = WebhookApp.NewCustomer();
        await app.DeliverAsync(Inbound(fromAd, "Sheena Nelson", $$"""
            {"from":"{{fromAd}}","id":"wamid.AD2-{{fromAd}}","timestamp":"{{Timestamp(DateTimeOffset.UtcNow)}}","type":"text","text":{"body":"Hallo"},{{Referral}}}
            """));
        await app.CustomerWritesAsync(fromAd, "Und noch etwas");
        await app.CustomerWritesAsync(organic, "Ich kam von selbst");

        var adConversation = await app.ConversationAsync(fromAd);
        (await app.Service<ThreadQueries>().HeaderAsync(adConversation.Id)).FirstReferral!.Headline.ShouldBe("Frühlings-Check für 49 €");
        (await app.Service<ThreadQueries>().HeaderAsync((await app.ConversationAsync(organic)).Id)).FirstReferral.ShouldBeNull();
        var listed = await app.Service<InboxQueries>().ListAsync(app.Owner.Id, new ConversationFilter(InboxTab.All, CameViaAd: true), 500);
        listed.Items.Select(i => i.Id).ShouldContain(adConversation.Id);
        listed.Items.Select(i => i.Id).ShouldNotContain((await app.ConversationAsync(organic)).Id);
    }

    [Fact]
    public void AReferralsAddressesAreKeptOnlyWhenTheyAreWebAddresses()
    {
        var message = Parse(Inbound("4917600000009", "X", """
            {"from":"4917600000009","id":"wamid.X","timestamp":"1749416383","type":"text","text":{"body":"Hi"},
             "referral":{"source_type":"post","source_url":"javascript:alert(1)","headline":"Beitrag"}}
            """)).Messages.Single();

        (message.Referral!.SourceType, message.Referral.SourceUrl, message.Referral.Headline).ShouldBe(("post", (string?)null, "Beitrag"));
    }
}
