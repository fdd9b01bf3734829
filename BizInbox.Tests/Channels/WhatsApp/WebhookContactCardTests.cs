using BizInbox.Web.Channels;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>A shared vCard keeps everything WhatsApp sends, and creates no contact by itself.</summary>
public sealed class WebhookContactCardTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task AFullCard_KeepsEveryPart_AndCreatesNoContactForThePeopleOnIt()
    {
        var customer = WebhookApp.NewCustomer();
        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Message("wamid.CARD-" + customer, customer, "contacts", "null").Replace("\"contacts\":null", """
            "contacts":[{
              "addresses":[{"city":"Hamburg","country":"Germany","country_code":"DE","state":"HH","street":"Hauptstraße 1","type":"WORK","zip":"20095"}],
              "birthday":"1984-03-17",
              "emails":[{"email":"mia@werkstatt.example","type":"WORK"}],
              "name":{"formatted_name":"Mia Meister","first_name":"Mia","last_name":"Meister","middle_name":"K.","suffix":"MSc","prefix":"Dr."},
              "org":{"company":"Radwerkstatt Nord","department":"Service","title":"Meisterin"},
              "phones":[{"phone":"+49 176 5550001","wa_id":"491765550001","type":"CELL"},{"phone":"+49 40 555000","type":"WORK"}],
              "urls":[{"url":"https://werkstatt.example","type":"WORK"}]}]
            """)));

        var stored = (await app.IncomingAsync(customer)).ShouldHaveSingleItem();
        var card = MessageContents.Read<ContactsContent>(stored.Content).ShouldNotBeNull().Contacts.ShouldHaveSingleItem();
        (card.Name, card.Company, card.Department, card.Title, card.Birthday).ShouldBe(("Mia Meister", "Radwerkstatt Nord", "Service", "Meisterin", "1984-03-17"));
        card.Structured.ShouldBe(new SharedName("Dr.", "Mia", "K.", "Meister", "MSc"));
        card.PhoneDetails.ShouldBe([new SharedPhone("+49 176 5550001", "CELL", "491765550001"), new SharedPhone("+49 40 555000", "WORK", null)]);
        card.Emails.ShouldBe([new SharedValue("mia@werkstatt.example", "WORK")]);
        card.Addresses.ShouldBe([new SharedAddress("Hauptstraße 1", "Hamburg", "HH", "20095", "Germany", "WORK")]);
        card.Urls.ShouldBe([new SharedValue("https://werkstatt.example/", "WORK")]);
        (await app.ContactsAsync("491765550001")).ShouldBeEmpty();
    }
}
