using System.Globalization;
using BizInbox.Domain.Contacts;
using BizInbox.Web.Features.Contacts;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Components.Contacts;

public sealed class ContactAttributesPageTests : ComponentTest
{
    private static string[] Names(IRenderedComponent<ContactAttributesPage> page) =>
        [.. page.FindAll("tbody tr").Select(r => r.QuerySelector("td")!.FirstChild!.TextContent.Trim())];

    private async Task<List<AttributeDefinition>> StoredAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.ContactAttributes.AsNoTracking().OrderBy(a => a.Position).ToListAsync();
    }

    [Fact]
    public async Task Create_StoresTheAttribute_AndListsIt()
    {
        await SignInAsync();
        var page = Render<ContactAttributesPage>();

        page.Input("Display name").Change("Kundennummer");
        page.Input("Key").Change("customer_number");
        page.Input("Description (optional)").Change("Aus der Warenwirtschaft");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Names(page).ShouldBe(["Kundennummer"]));
        page.Find("tbody").TextContent.ShouldContain("customer_number");
        var stored = (await StoredAsync()).ShouldHaveSingleItem();
        (stored.Key, stored.Type, stored.Description).ShouldBe(("customer_number", AttributeType.Text, "Aus der Warenwirtschaft"));
        page.Input("Key").GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Fact]
    public async Task Create_WithABadKey_SaysWhyNextToTheKey_AndKeepsTheInput()
    {
        await SignInAsync();
        var page = Render<ContactAttributesPage>();

        page.Input("Display name").Change("Kundennummer");
        page.Input("Key").Change("Kunden-Nr");
        page.Find("form").Submit();

        page.WaitForAssertion(() => page.ErrorOf("Key").ShouldBe("The key may hold lowercase letters, digits and _ (at most 40), starting with a letter."));
        page.Input("Key").GetAttribute("value").ShouldBe("Kunden-Nr");
        page.Input("Display name").GetAttribute("value").ShouldBe("Kundennummer");
        (await StoredAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Edit_Renames_AndMovingUpReorders()
    {
        await SignInAsync();
        var attributes = Get<ContactAttributeService>();
        await attributes.CreateAsync(User, new AttributeInput("first", "Erstes", AttributeType.Text, null, []));
        await attributes.CreateAsync(User, new AttributeInput("second", "Zweites", AttributeType.Number, null, []));
        var page = Render<ContactAttributesPage>();

        page.Find("button[aria-label='Move up Zweites']").Click();
        page.WaitForAssertion(() => Names(page).ShouldBe(["Zweites", "Erstes"]));

        page.Find("button[aria-label='Edit Erstes']").Click();
        page.Input("Key").HasAttribute("disabled").ShouldBeTrue();
        page.Input("Display name").Change("Notiz");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Names(page).ShouldBe(["Zweites", "Notiz"]));
        (await StoredAsync()).Select(a => (a.Key, a.Name)).ShouldBe([("second", "Zweites"), ("first", "Notiz")]);
    }

    [Theory]
    [InlineData("Delete", 0)]
    [InlineData("Cancel", 1)]
    public async Task Delete_SaysHowManyContactsHaveAValue_AndRemovesOnlyWhenConfirmed(string answer, int left)
    {
        await SignInAsync();
        var attributes = Get<ContactAttributeService>();
        var vip = await attributes.CreateAsync(User, new AttributeInput("vip", "VIP", AttributeType.Checkbox, null, []));
        foreach (var name in new[] { "Anna", "Ben" })
        {
            var contact = Contact.Create(name, null, null, DateTimeOffset.UtcNow);
            await using (var db = Database.CreateDbContext())
            {
                db.Contacts.Add(contact);
                await db.SaveChangesAsync();
            }

            await attributes.SaveValuesAsync(User, contact.Id, new Dictionary<int, string?> { [vip] = "true" }, CultureInfo.InvariantCulture);
        }

        var hosts = Hosts.Render(this);
        var page = Render<ContactAttributesPage>();

        page.Find("button[aria-label='Delete VIP']").Click();
        hosts.Dialogs.WaitForAssertion(() => hosts.Dialogs.Markup.ShouldContain("2 contacts have a value for VIP; the values are deleted with it."));
        hosts.Answer(answer);

        page.WaitForAssertion(() => page.FindAll("tbody tr").Count(r => r.TextContent.Contains("vip")).ShouldBe(left));
        (await StoredAsync()).Count.ShouldBe(left);
    }
}
