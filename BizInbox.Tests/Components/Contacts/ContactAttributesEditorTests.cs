using BizInbox.Web.Identity;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using BizInbox.Tests.Components.Inbox;
using BizInbox.Web.Features.Contacts;
using Bunit;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data;

namespace BizInbox.Tests.Components.Contacts;

public sealed class ContactAttributesEditorTests : InboxComponentTest
{
    private async Task<(Guid ContactId, int Spent, int Site)> ContactWithAttributesAsync()
    {
        var owner = await SignInAsync();
        var attributes = Get<ContactAttributeService>();
        var spent = await attributes.CreateAsync(User, new AttributeInput("spent", "Umsatz", AttributeType.Number, "Euro im Jahr", []));
        var site = await attributes.CreateAsync(User, new AttributeInput("site", "Webseite", AttributeType.Link, null, []));
        await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Agent");
        var conversation = await CustomerWritesAsync("Clara Kundin", "Hallo");
        return ((await HeaderAsync(conversation)).ContactId, spent, site);
    }

    private async Task<Dictionary<int, string>> StoredAsync(Guid contactId)
    {
        await using var db = Database.CreateDbContext();
        return await db.ContactAttributeValues.AsNoTracking().Where(v => v.ContactId == contactId).ToDictionaryAsync(v => v.AttributeId, v => v.Text);
    }

    [Fact]
    public async Task ARefusedValue_IsExplainedNextToItsField_KeepsWhatWasTyped_AndSavesNothing()
    {
        var (contactId, spent, _) = await ContactWithAttributesAsync();
        var page = Render<ContactPage>(p => p.Add(c => c.Id, contactId));
        page.WaitForElement("[data-testid=attributes-form]");

        page.Input("Umsatz").Change("1200.5");
        page.Input("Webseite").Change("javascript:alert(1)");
        page.Find("[data-testid=attributes-form]").Submit();

        page.WaitForAssertion(() => page.ErrorOf("Webseite").ShouldBe("Please enter a web address starting with http:// or https://."));
        page.ErrorOf("Umsatz").ShouldBeNull();
        page.Input("Webseite").GetAttribute("value").ShouldBe("javascript:alert(1)");
        page.Input("Umsatz").GetAttribute("value").ShouldBe("1200.5");
        (await StoredAsync(contactId)).ShouldBeEmpty();

        page.Input("Webseite").Change("https://clara.example");
        page.Find("[data-testid=attributes-form]").Submit();

        page.WaitForAssertion(() => StoredAsync(contactId).Result.Count.ShouldBe(2));
        (await StoredAsync(contactId))[spent].ShouldBe("1200.5");
        page.ErrorOf("Webseite").ShouldBeNull();
    }

    [Fact]
    public async Task ThePanel_EditsTheSameValues_Compactly()
    {
        var (contactId, spent, _) = await ContactWithAttributesAsync();
        await Get<ContactAttributeService>().SaveValuesAsync(User, contactId, new Dictionary<int, string?> { [spent] = "99.5" },
            System.Globalization.CultureInfo.InvariantCulture);

        var panel = Render<ContactAttributesEditor>(p => p.Add(c => c.ContactId, contactId).Add(c => c.Compact, true));

        panel.WaitForAssertion(() => panel.Input("Umsatz").GetAttribute("value").ShouldBe("99.5"));
        panel.Markup.ShouldNotContain("Euro im Jahr");
        panel.Input("Umsatz").Change("");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => StoredAsync(contactId).Result.ShouldBeEmpty());
    }

    [Fact]
    public async Task ATeammatesSave_ShowsAtOnce_ButAFieldBeingEditedKeepsWhatWasTyped()
    {
        var (contactId, spent, site) = await ContactWithAttributesAsync();
        Web.Data.AppUser owner;
        await using (var db = Database.CreateDbContext())
        {
            owner = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "olga@example.com");
        }

        var cara = await AddMemberAsync(owner, TeamRole.Agent, "cara@example.com", "Cara Agent");
        var panel = Render<ContactAttributesEditor>(p => p.Add(c => c.ContactId, contactId).Add(c => c.Compact, true));
        panel.WaitForElement("[data-testid=attributes-form]");
        panel.Input("Webseite").Change("https://mine.example");

        await Get<ContactAttributeService>().SaveValuesAsync(As(cara), contactId,
            new Dictionary<int, string?> { [spent] = "250", [site] = "https://bens.example" }, System.Globalization.CultureInfo.InvariantCulture);

        panel.WaitForAssertion(() => panel.Input("Umsatz").GetAttribute("value").ShouldBe("250"));
        panel.Input("Webseite").GetAttribute("value").ShouldBe("https://mine.example");
    }
}
