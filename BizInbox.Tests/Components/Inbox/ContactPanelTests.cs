using BizInbox.Web.Identity;
using BizInbox.Domain.Labels;
using BizInbox.Web.Features.Inbox;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BizInbox.Tests.Components.Inbox;

public sealed class ContactPanelTests : InboxComponentTest
{
    private long _id;
    private bool _closed;

    private async Task<Label> AddLabelAsync(string name)
    {
        await using var db = Database.CreateDbContext();
        var label = Label.Create(name, "#c62828");
        db.Labels.Add(label);
        await db.SaveChangesAsync();
        return label;
    }

    private async Task<IRenderedComponent<ContactPanel>> OpenAsync()
    {
        await SignInAsync();
        _id = await CustomerWritesAsync("Clara Kundin", "Hallo");
        return Render<ContactPanel>(p => p
            .Add(c => c.Header, HeaderAsync(_id).Result)
            .Add(c => c.Labels, Get<InboxQueries>().LabelsAsync().Result)
            .Add(c => c.OnAction, EventCallback.Factory.Create<Func<CurrentMember, Task>>(this, action => action(User)))
            .Add(c => c.OnClose, EventCallback.Factory.Create(this, () => _closed = true)));
    }

    private async Task RefreshAsync(IRenderedComponent<ContactPanel> panel)
    {
        var header = await HeaderAsync(_id);
        panel.Render(p => p.Add(c => c.Header, header));
    }

    [Fact]
    public async Task AvatarAndContactPageLink_AreMudBlazorsMarkup_WithoutTheirComponents()
    {
        var panel = await OpenAsync();
        var avatar = Render<MudBlazor.MudAvatar>(p => p.Add(a => a.Color, MudBlazor.Color.Primary).Add(a => a.Variant, MudBlazor.Variant.Outlined).AddChildContent("C"));
        var link = Render<MudBlazor.MudLink>(p => p.Add(a => a.Href, "contacts/1").Add(a => a.Typo, MudBlazor.Typo.body2).Add(a => a.Class, "bi-contact-link"));

        panel.Find(".bi-contact-head .mud-avatar").GetAttribute("class").ShouldBe(avatar.Find("div").GetAttribute("class"));
        panel.Find(".bi-contact-head .mud-avatar").TextContent.ShouldBe("C");
        panel.Find("[data-testid=open-contact]").GetAttribute("class").ShouldBe(link.Find("a").GetAttribute("class"));
        panel.Find("[data-testid=open-contact]").GetAttribute("href").ShouldBe($"contacts/{(await HeaderAsync(_id)).ContactId}");
        panel.FindComponents<MudBlazor.MudAvatar>().ShouldBeEmpty();
        panel.FindComponents<MudBlazor.MudLink>().ShouldBeEmpty();
    }

    [Fact]
    public async Task IsALabelledRegion_WithTheContactsFacts()
    {
        var panel = await OpenAsync();

        var aside = panel.Find("aside");
        aside.GetAttribute("aria-label").ShouldBe("Contact");
        aside.TextContent.ShouldContain("Clara Kundin");
        panel.FindAll(".bi-facts dt").Select(d => d.TextContent).ShouldBe(["Channel", "Started", "Waiting since", "Other conversations"]);
    }

    [Fact]
    public async Task Phone_IsShownInternationally_AndDialsTheE164Number()
    {
        await SignInAsync();
        var conversationId = await CustomerWritesAsync("Clara Kundin", "Hallo", phone: "0049 (0)171 234-5678");

        var panel = Render<ContactPanel>(p => p.Add(c => c.Header, HeaderAsync(conversationId).Result).Add(c => c.Labels, []));

        var link = panel.Find(".bi-facts a[href^='tel:']");
        (link.TextContent, link.GetAttribute("href")).ShouldBe(("+49 171 2345678", "tel:+491712345678"));
    }

    [Fact]
    public async Task WithoutLabels_TellsWhereManagersCreateThem()
    {
        var panel = await OpenAsync();

        panel.Markup.ShouldContain("No labels yet.");
        panel.FindAll("[data-testid=add-label]").ShouldBeEmpty();
    }

    [Fact]
    public async Task AddingAndRemovingALabel_ChangesTheConversation()
    {
        var vip = await AddLabelAsync("VIP");
        await AddLabelAsync("Reklamation");
        var panel = await OpenAsync();
        var providers = RenderProviders();

        panel.Find("[data-testid=add-label] button").Click();
        providers.WaitForElements(".mud-menu-item").Single(i => i.TextContent.Trim() == "VIP").Click();
        panel.WaitForAssertion(() => HeaderAsync(_id).Result.Labels.ShouldNotBeEmpty());
        await RefreshAsync(panel);

        (await HeaderAsync(_id)).Labels.Select(l => l.Name).ShouldBe(["VIP"]);
        panel.Find($"[data-testid=conversation-labels] [data-label='{vip.Id}']").TextContent.ShouldContain("VIP");

        panel.Find($"[data-label='{vip.Id}'] button").Click();
        await RefreshAsync(panel);

        (await HeaderAsync(_id)).Labels.ShouldBeEmpty();
        panel.FindAll("[data-testid=conversation-labels] .mud-chip").ShouldBeEmpty();
    }

    [Fact]
    public async Task OnANarrowScreen_OpensAsADrawer_AndCloses()
    {
        var panel = await OpenAsync();
        panel.Find("aside").ClassList.ShouldNotContain("bi-contact--open");

        panel.Render(p => p.Add(c => c.Open, true));
        panel.Find("aside").ClassList.ShouldContain("bi-contact--open");
        panel.Find("button[aria-label='Close contact details']").Click();

        _closed.ShouldBeTrue();
    }

    [Fact]
    public async Task Edit_SavesTheRecord_AndThePanelShowsIt()
    {
        var panel = await OpenAsync();

        panel.Find("[data-testid=edit-contact]").Click();
        panel.WaitForElement("[data-testid=contact-form]");
        panel.FindAll("label").Select(l => l.TextContent.Trim()).ShouldNotContain("Language");
        panel.Input("Name").Change("Clara Kundin-Meyer");
        panel.Input("Company").Change("Kuchen AG");
        panel.Find("[data-testid=contact-form]").Submit();

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=contact-form]").ShouldBeEmpty());
        await RefreshAsync(panel);
        panel.Find("[data-testid=contact-company]").TextContent.ShouldBe("Kuchen AG");
        panel.Find(".bi-contact-name").TextContent.ShouldBe("Clara Kundin-Meyer");
    }

    [Fact]
    public async Task Edit_ARefusedPhone_IsExplainedNextToThePhone_AndTheInputStays()
    {
        var panel = await OpenAsync();

        panel.Find("[data-testid=edit-contact]").Click();
        panel.WaitForElement("[data-testid=contact-form]");
        panel.Input("Phone").Change("0171 2345678");
        panel.Find("[data-testid=contact-form]").Submit();

        panel.WaitForAssertion(() => panel.ErrorOf("Phone").ShouldBe("Please enter the number with its country code, e.g. +49 171 2345678."));
        panel.Input("Phone").GetAttribute("value").ShouldBe("0171 2345678");
        (await HeaderAsync(_id)).ContactPhone.ShouldBeNull();
    }

    [Fact]
    public async Task LinksToTheContactPage()
    {
        var panel = await OpenAsync();

        panel.Find("[data-testid=open-contact]").GetAttribute("href").ShouldBe($"contacts/{(await HeaderAsync(_id)).ContactId}");
    }
}
