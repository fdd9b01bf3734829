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

    [Fact]
    public async Task SortingByAnAttribute_OrdersByItsValue_BothWays_WithContactsWithoutOneLast_UntilAColumnIsSortedAgain()
    {
        await SignInAsync(TeamRole.Owner);
        var attributes = Get<ContactAttributeService>();
        var spent = await attributes.CreateAsync(User, new AttributeInput("spent", "Spent", AttributeType.Number, null, []));
        foreach (var (name, value) in new[] { ("Anna Alt", "9"), ("Ben Berg", "10"), ("Clara Kundin", null), ("Dora Dorn", "100") })
        {
            var contact = (await HeaderAsync(await CustomerWritesAsync(name, "Hallo"))).ContactId;
            if (value is not null)
            {
                await attributes.SaveValuesAsync(User, contact, new Dictionary<int, string?> { [spent] = value }, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var hosts = Hosts.Render(this);
        var page = Render<ContactsPage>();
        page.WaitForAssertion(() => Names(page).Count.ShouldBe(4));
        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=attribute-sort] .mud-select .mud-input-control").MouseDown();
            hosts.Popovers.Find(".mud-list-item");
        });
        hosts.Pick("Spent");

        page.WaitForAssertion(() => Names(page).ShouldBe(["Anna Alt", "Ben Berg", "Dora Dorn", "Clara Kundin"]));
        page.Find("[data-testid=attribute-sort-direction]").Click();
        page.WaitForAssertion(() => Names(page).ShouldBe(["Dora Dorn", "Ben Berg", "Anna Alt", "Clara Kundin"]));

        page.FindAll("th").First(h => h.TextContent.Contains("Name", StringComparison.Ordinal)).QuerySelector(".sortable-column-header")!.Click();

        page.WaitForAssertion(() => Names(page).ShouldBe(["Anna Alt", "Ben Berg", "Clara Kundin", "Dora Dorn"]));
        page.FindAll("[data-testid=attribute-sort-direction]").ShouldBeEmpty();
    }
}
