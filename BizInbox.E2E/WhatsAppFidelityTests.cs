using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>What Meta sends, as an agent sees it: a reply's quote, a customer's new number, the ad a customer came from.</summary>
[Collection(BrowserGroup.Name)]
public sealed class WhatsAppFidelityTests : BrowserTest, IDisposable
{
    private const string Customer = "4917612345678";

    private readonly AppServer _app;
    private FakeGraphApi? _graph;

    public WhatsAppFidelityTests(BrowserFixture browser) : base(browser) => _app = new AppServer();

    public void Dispose()
    {
        _graph?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _app.Dispose();
    }

    [Fact]
    public Task AReplyWithContext_ShowsItsQuote_AndTheQuoteLeadsToTheAnsweredMessagePagesBack() => ScenarioAsync(async () =>
    {
        var (inbox, http) = await OpenInboxAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        await PostAsync(http, Messages(Customer, "Jonas Jansen", TextMessage("wamid.Q1", Customer, "Ist mein Rad fertig?", start)));
        // More than a page of messages after it, so that the answered one is not loaded when the conversation opens.
        await PostAsync(http, Messages(Customer, "Jonas Jansen",
            Enumerable.Range(1, 60).Select(i => TextMessage($"wamid.F{i}", Customer, $"Nachtrag {i}", start.AddMinutes(i))).ToArray()));
        await PostAsync(http, Messages(Customer, "Jonas Jansen", $$$"""
            {"context":{"from":"49401234567","id":"wamid.Q1"},"from":"{{{Customer}}}","id":"wamid.R1","timestamp":"{{{Timestamp(DateTimeOffset.UtcNow)}}}",
             "type":"text","text":{"body":"Also, ist es fertig?"}}
            """));

        await inbox.Rows.Filter(new() { HasText = "Jonas Jansen" }).ClickAsync();
        var reply = inbox.Message("Also, ist es fertig?");
        var quote = reply.Locator("[data-role=quote]");
        await Expect(quote).ToContainTextAsync("Ist mein Rad fertig?");
        // The quote repeats its text: the answered message itself is the bubble whose own text it is.
        var answered = inbox.Thread.Locator(".bi-msg-text").Filter(new() { HasTextString = "Ist mein Rad fertig?" });
        await Expect(answered).ToHaveCountAsync(0);
        await quote.ClickAsync();
        await Expect(answered).ToBeInViewportAsync();
    });

    [Fact]
    public Task ANumberChange_KeepsOneConversation_WithAnActivityInTheAgentsLanguage() => ScenarioAsync(async () =>
    {
        var (inbox, http) = await OpenInboxAsync();
        const string newNumber = "4917687654321";
        await PostAsync(http, Messages(Customer, "Jonas Jansen", TextMessage("wamid.N1", Customer, "Hallo, hier Jonas", DateTimeOffset.UtcNow)));
        await Expect(inbox.Rows.Filter(new() { HasText = "Jonas Jansen" })).ToHaveCountAsync(1);

        // Meta sends the notice without a contacts array.
        await PostAsync(http, Messages(Customer, null, $$$"""
            {"from":"{{{Customer}}}","id":"wamid.N2","timestamp":"{{{Timestamp(DateTimeOffset.UtcNow)}}}","type":"system",
             "system":{"body":"Jonas changed their phone number to a new number {{{newNumber}}}","wa_id":"{{{newNumber}}}","type":"user_changed_number"}}
            """));
        await PostAsync(http, Messages(newNumber, "Jonas Jansen", TextMessage("wamid.N3", newNumber, "Das ist meine neue Nummer", DateTimeOffset.UtcNow)));

        var row = inbox.Rows.Filter(new() { HasText = "Jonas Jansen" });
        await Expect(row).ToContainTextAsync("Das ist meine neue Nummer");
        await Expect(row).ToHaveCountAsync(1);
        await row.ClickAsync();
        await Expect(inbox.Message("Hallo, hier Jonas")).ToBeVisibleAsync();
        await Expect(inbox.Message("Das ist meine neue Nummer")).ToBeVisibleAsync();
        await Expect(inbox.Activity("The customer changed their WhatsApp number from +49 176 12345678 to +49 176 87654321")).ToBeVisibleAsync();
        await Expect(inbox.Thread).Not.ToContainTextAsync("changed their phone number to a new number");
    });

    [Fact]
    public Task AMessageFromAnAd_ShowsWhereTheCustomerCameFrom_OnTheMessageAndInTheContactPanel() => ScenarioAsync(async () =>
    {
        var (inbox, http) = await OpenInboxAsync();

        await PostAsync(http, Messages(Customer, "Jonas Jansen", $$$"""
            {"from":"{{{Customer}}}","id":"wamid.AD1","timestamp":"{{{Timestamp(DateTimeOffset.UtcNow)}}}","type":"text",
             "text":{"body":"Ich möchte einen Termin"},
             "referral":{"source_url":"https://fb.me/3cr4Wqqkv","source_id":"120212345678900123","source_type":"ad","headline":"Frühlings-Check für 49 €",
               "body":"Jetzt Termin sichern","media_type":"image","image_url":"https://scontent.xx.fbcdn.net/ad.jpg","ctwa_clid":"ARAkLkA8rmlF"}}
            """));

        await inbox.Rows.Filter(new() { HasText = "Jonas Jansen" }).ClickAsync();
        var message = inbox.Message("Ich möchte einen Termin");
        await Expect(message.Locator("[data-role=referral]")).ToContainTextAsync("Came via ad “Frühlings-Check für 49 €”");
        await Expect(message.Locator(".bi-msg-text")).ToHaveTextAsync("Ich möchte einen Termin");
        await Expect(inbox.ContactPanel.GetByTestId("contact-source")).ToHaveTextAsync("Came via ad “Frühlings-Check für 49 €”");
    });

    [Fact]
    public Task TheInboxFilter_CameViaAd_KeepsOnlyConversationsThatCameViaAnAd() => ScenarioAsync(async () =>
    {
        var (inbox, http) = await OpenInboxAsync();
        const string other = "4917699988877";
        await PostAsync(http, Messages(Customer, "Jonas Jansen", $$$"""
            {"from":"{{{Customer}}}","id":"wamid.AD2","timestamp":"{{{Timestamp(DateTimeOffset.UtcNow)}}}","type":"text","text":{"body":"Gilt das Angebot noch?"},
             "referral":{"source_url":"https://fb.me/3cr4Wqqkv","source_id":"120212345678900123","source_type":"ad","headline":"Frühlings-Check für 49 €"}}
            """));
        await PostAsync(http, Messages(other, "Clara Kundin", TextMessage("wamid.PLAIN1", other, "Wann habt ihr offen?", DateTimeOffset.UtcNow)));
        await Expect(inbox.Rows).ToHaveCountAsync(2);

        await inbox.FiltersToggle.ClickAsync();
        await inbox.CameViaAdFilter.CheckAsync();

        await Expect(inbox.Rows).ToHaveCountAsync(1);
        await Expect(inbox.Rows).ToContainTextAsync("Jonas Jansen");
        await inbox.CameViaAdFilter.UncheckAsync();
        await Expect(inbox.Rows).ToHaveCountAsync(2);
    });

    private async Task<(InboxPage Inbox, AppServer Http)> OpenInboxAsync()
    {
        var graph = _graph = await FakeGraphApi.StartAsync();
        await WhatsAppSetup.ConnectAsync(_app, await _app.CompleteSetupAsync("olga@example.com"), graph);
        var page = await OpenAsync(_app.BaseUrl, "agent");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        var inbox = new InboxPage(page);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        return (inbox, _app);
    }

    private static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string TextMessage(string wamid, string from, string body, DateTimeOffset at) => $$$"""
        {"from":"{{{from}}}","id":"{{{wamid}}}","timestamp":"{{{Timestamp(at)}}}","type":"text","text":{"body":"{{{body}}}"}}
        """;

    private static string Messages(string waId, string? profileName, params string[] messages)
    {
        var contacts = profileName is null ? string.Empty : $$$"""
            "contacts":[{"profile":{"name":"{{{profileName}}}"},"wa_id":"{{{waId}}}"}],
            """;
        return $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"{{{WhatsAppSetup.BusinessAccountId}}}","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"49401234567","phone_number_id":"{{{WhatsAppSetup.PhoneNumberId}}}"},
              {{{contacts}}}"messages":[{{{string.Join(',', messages)}}}]}}]}]}
            """;
    }

    private static Task PostAsync(AppServer app, string json) => WhatsAppSetup.PostWebhookAsync(app, json);
}
