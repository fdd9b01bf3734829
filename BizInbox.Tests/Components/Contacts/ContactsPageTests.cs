using BizInbox.Tests.Components.Inbox;
using BizInbox.Web.Features.Contacts;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using Bunit;

namespace BizInbox.Tests.Components.Contacts;

public sealed class ContactsPageTests : InboxComponentTest
{
    private static IReadOnlyList<string> Names(IRenderedComponent<ContactsPage> page) =>
        [.. page.FindAll("tbody tr a").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task ListsEveryContact_AndANationallyTypedNumberFindsItsContact()
    {
        await SignInAsync(TeamRole.Agent, "Ben Agent");
        await CustomerWritesAsync("Clara Kundin", "Hallo", phone: "+49 171 2345678");
        await CustomerWritesAsync("Jonas Jansen", "Moin", phone: "+49 30 1234567");

        var page = Render<ContactsPage>();
        page.WaitForAssertion(() => Names(page).Order().ShouldBe(["Clara Kundin", "Jonas Jansen"]));
        page.Find("tbody").TextContent.ShouldContain("+49 171 2345678");

        page.Find("input[aria-label='Search contacts']").Input("0171 2345678");

        page.WaitForAssertion(() => Names(page).ShouldBe(["Clara Kundin"]), TimeSpan.FromSeconds(10));
        page.Find("tbody tr a").GetAttribute("href").ShouldStartWith("contacts/");
    }

    [Fact]
    public async Task WithoutContacts_SaysWhereTheyComeFrom_AndASearchWithoutMatchesSaysSo()
    {
        await SignInAsync();

        var page = Render<ContactsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=contacts-empty]").TextContent.ShouldStartWith("No contacts yet."));

        await CustomerWritesAsync("Clara Kundin", "Hallo");
        page.Find("input[aria-label='Search contacts']").Input("nobody");

        page.WaitForAssertion(() => page.Find("[data-testid=contacts-empty]").TextContent.ShouldBe("No contact matches these filters."), TimeSpan.FromSeconds(10));
    }
}
