using BizInbox.Web.Identity;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using BizInbox.Tests.Components.Inbox;
using BizInbox.Web.Features.Contacts;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Components.Contacts;

public sealed class SegmentPickerTests : InboxComponentTest
{
    private static IReadOnlyList<string> Names(IRenderedComponent<ContactsPage> page) =>
        [.. page.FindAll("tbody tr a").Select(a => a.TextContent.Trim())];

    private async Task<int> VipsAsync()
    {
        await SignInAsync(TeamRole.Owner);
        var attributes = Get<ContactAttributeService>();
        var vip = await attributes.CreateAsync(User, new AttributeInput("vip", "VIP", AttributeType.Checkbox, null, []));
        var clara = (await HeaderAsync(await CustomerWritesAsync("Clara Kundin", "Hallo"))).ContactId;
        await CustomerWritesAsync("Jonas Jansen", "Moin");
        await attributes.SaveValuesAsync(User, clara, new Dictionary<int, string?> { [vip] = "true" }, System.Globalization.CultureInfo.InvariantCulture);
        return vip;
    }

    private static void PickSegment(IRenderedComponent<ContactsPage> page, Hosts hosts, string name)
    {
        // As above: a re-render between finding and pressing the select renews its handler, so press until the list opens.
        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=segment-picker] .mud-select .mud-input-control").MouseDown();
            hosts.Popovers.Find(".mud-list-item");
        });
        hosts.Pick(name);
    }

    [Fact]
    public async Task PickingASegment_AppliesItsAttributeCondition()
    {
        var vip = await VipsAsync();
        await Get<SegmentService>().SaveAsync(User, "VIPs", shared: true,
            new SegmentFilter(new ContactFilters.Values(), [new SavedCondition(vip, "vip", AttributeOperator.IsChecked, null)]));
        var hosts = Hosts.Render(this);
        var page = Render<ContactsPage>();
        page.WaitForAssertion(() => Names(page).Count.ShouldBe(2));
        PickSegment(page, hosts, "VIPs (team)");

        page.WaitForAssertion(() => Names(page).ShouldBe(["Clara Kundin"]));
        page.Find("[data-testid=attribute-condition]").TextContent.ShouldContain("VIP is checked");
        page.FindAll("[data-testid=segment-note]").ShouldBeEmpty();
    }

    [Fact]
    public async Task ASegmentWhoseAttributeWasDeleted_SaysSo_AndAppliesTheRest()
    {
        var vip = await VipsAsync();
        await Get<SegmentService>().SaveAsync(User, "Alte VIPs", shared: false,
            new SegmentFilter(new ContactFilters.Values(Search: "jonas"), [new SavedCondition(vip, "vip", AttributeOperator.IsChecked, null)]));
        await Get<ContactAttributeService>().DeleteAsync(User, vip);
        var hosts = Hosts.Render(this);
        var page = Render<ContactsPage>();

        PickSegment(page, hosts, "Alte VIPs");

        page.WaitForAssertion(() => page.Find("[data-testid=segment-note]").TextContent.ShouldBe("The attribute vip no longer exists; the segment is applied without it."));
        page.WaitForAssertion(() => Names(page).ShouldBe(["Jonas Jansen"]));
    }

    [Fact]
    public async Task SavingTheCurrentFilter_StoresItUnderItsName()
    {
        await VipsAsync();
        Hosts.Render(this);
        var page = Render<ContactsPage>();
        page.WaitForAssertion(() => Names(page).Count.ShouldBe(2));
        page.WaitForAssertion(() =>
        {
            var search = page.Find("input[aria-label='Search contacts']");
            if (search.GetAttribute("value") != "clara")
            {
                search.Input("clara");
            }

            search.GetAttribute("value").ShouldBe("clara");
        });
        page.WaitForAssertion(() => Names(page).ShouldBe(["Clara Kundin"]));

        // The grid may still re-render after its reload, which renews the button's handler: click again until the form shows.
        page.WaitForAssertion(() =>
        {
            page.FindAll("button").First(b => b.TextContent.Trim() == "Save as segment").Click();
            page.Find("form[aria-label='Save as segment']");
        });
        page.Input("Segment name").Change("Claras");
        page.Find("form[aria-label='Save as segment']").Submit();

        await using var db = Database.CreateDbContext();
        page.WaitForAssertion(() => db.Segments.AsNoTracking().Select(s => s.Name).ToList().ShouldBe(["Claras"]));
        var saved = SegmentFilter.FromJson(db.Segments.AsNoTracking().Single().Filter).ShouldNotBeNull();
        saved.List.Search.ShouldBe("clara");
        (await db.Segments.AsNoTracking().SingleAsync()).OwnerUserId.ShouldBe(User.UserId!);
    }
}
