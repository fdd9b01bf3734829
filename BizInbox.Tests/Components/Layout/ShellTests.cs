using BizInbox.Domain.Team;
using BizInbox.Web.Features.Simulator;
using BizInbox.Web.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using BizInbox.Web.Ui;

namespace BizInbox.Tests.Components.Layout;

public sealed class ShellTests : ComponentTest
{
    [Fact]
    public void FocusOnNavigate_FocusesTheHeading_OnceForEachNewPage()
    {
        var focus = JSInterop.SetupVoid("bizInbox.focusHeading", "h1");
        var inbox = new Microsoft.AspNetCore.Components.RouteData(typeof(BizInbox.Web.Features.Inbox.InboxPage), new Dictionary<string, object?>());
        var focuser = Render<FocusOnNavigateUnlessTyping>(p => p.Add(f => f.RouteData, inbox).Add(f => f.Selector, "h1"));
        focus.Invocations.Count.ShouldBe(1);

        // Another conversation is the same page: the agent stays where they are (in the list, or typing).
        focuser.Render(p => p.Add(f => f.RouteData,
            new Microsoft.AspNetCore.Components.RouteData(typeof(BizInbox.Web.Features.Inbox.InboxPage), new Dictionary<string, object?> { ["ConversationId"] = 7L })));
        focus.Invocations.Count.ShouldBe(1);

        focuser.Render(p => p.Add(f => f.RouteData, new Microsoft.AspNetCore.Components.RouteData(typeof(BizInbox.Web.Features.Team.TeamPage), new Dictionary<string, object?>())));
        focus.Invocations.Count.ShouldBe(2);
    }

    [Fact]
    public void ThemeToggle_SwitchesToDark_AndRemembersTheChoice()
    {
        var remembered = JSInterop.SetupVoid("bizInbox.theme.remember", true);
        var dark = false;
        var toggle = Render<ThemeToggle>(p => p
            .Add(t => t.Dark, dark)
            .Add(t => t.DarkChanged, EventCallback.Factory.Create<bool>(this, value => dark = value)));

        toggle.Find("button[aria-label='Dark theme']").GetAttribute("aria-pressed").ShouldBe("false");
        toggle.Find("button").Click();

        dark.ShouldBeTrue();
        remembered.VerifyInvoke("bizInbox.theme.remember");
    }

    [Fact]
    public void ThemeToggle_WhenDark_IsPressed()
    {
        var toggle = Render<ThemeToggle>(p => p.Add(t => t.Dark, true));

        toggle.Find("button[aria-label='Dark theme']").GetAttribute("aria-pressed").ShouldBe("true");
    }

    [Fact]
    public async Task CultureSwitch_NavigatesToTheCultureEndpoint_WithTheCurrentPageAsReturnUrl()
    {
        await SignInAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("inbox/42");
        var providers = RenderProviders();
        var menu = Render<CultureSwitch>();

        menu.Find("button[aria-label='Language']").Click();
        providers.WaitForElements(".mud-menu-item").First(i => i.TextContent.Contains("Deutsch")).Click();

        navigation.Uri.ShouldEndWith("culture/set?culture=de&returnUrl=%2Finbox%2F42");
    }

    [Theory]
    [InlineData(TeamRole.Agent, new[] { "Inbox", "Contacts", "Templates", "Canned replies" }, new[] { "Reports", "Team", "Channels", "Business hours" })]
    [InlineData(TeamRole.Manager, new[] { "Inbox", "Reports", "Team", "Labels", "Business hours", "Templates", "Canned replies" }, new[] { "Channels", "Business profile" })]
    [InlineData(TeamRole.Owner, new[] { "Inbox", "Reports", "Team", "Channels", "Business profile" }, new string[0])]
    public async Task NavMenu_ShowsWhatTheRoleMayOpen(TeamRole role, string[] shown, string[] hidden)
    {
        await SignInAsync(role, "Anna Agent");

        var links = Render<NavMenu>().FindAll("a").Select(a => a.TextContent.Trim()).ToList();

        foreach (var name in shown)
        {
            links.ShouldContain(name);
        }

        foreach (var name in hidden)
        {
            links.ShouldNotContain(name);
        }

        links.Count(l => l == "Templates").ShouldBe(1);
        links.Count(l => l == "Canned replies").ShouldBe(1);
    }

    [Fact]
    public async Task NavMenu_MarksTheOpenPage_AndFollowsNavigation()
    {
        await SignInAsync(TeamRole.Manager, "Mira Manager");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("inbox/42");

        var menu = Render<NavMenu>();
        string[] Active() => menu.FindAll("a.active").Select(a => a.TextContent.Trim()).ToArray();
        Active().ShouldBe(["Inbox"]);
        menu.Find("a.active").GetAttribute("aria-current").ShouldBe("page");

        navigation.NavigateTo("settings/team");
        menu.WaitForAssertion(() => Active().ShouldBe(["Team"]));

        // A prefix of another page's address is not that page.
        navigation.NavigateTo("settings/teams");
        menu.WaitForAssertion(() => Active().ShouldBeEmpty());
    }

    [Fact]
    public async Task NavMenu_SettingsGroup_LooksLikeMudNavGroup_AndFoldsByItsButton()
    {
        await SignInAsync(TeamRole.Manager, "Mira Manager");
        var menu = Render<NavMenu>();
        var real = Render(builder =>
        {
            builder.OpenComponent<MudBlazor.MudNavGroup>(0);
            builder.AddComponentParameter(1, nameof(MudBlazor.MudNavGroup.Title), "Settings");
            builder.AddComponentParameter(2, nameof(MudBlazor.MudNavGroup.Icon), MudBlazor.Icons.Material.Filled.Settings);
            builder.AddComponentParameter(3, nameof(MudBlazor.MudNavGroup.Expanded), true);
            builder.CloseComponent();
        });

        var button = menu.Find("nav.mud-nav-group > button");
        button.GetAttribute("class").ShouldBe(real.Find("nav.mud-nav-group > button").GetAttribute("class"));
        button.QuerySelectorAll("svg").Select(s => s.OuterHtml).ShouldBe(real.Find("nav.mud-nav-group > button").QuerySelectorAll("svg").Select(s => s.OuterHtml));
        menu.Find(".mud-navgroup-collapse").GetAttribute("class").ShouldBe(real.Find(".mud-navgroup-collapse").GetAttribute("class"));
        menu.Find("#nav-settings").GetAttribute("class").ShouldBe(real.Find(".mud-navgroup-collapse nav").GetAttribute("class"));
        menu.FindAll("#nav-settings a").Select(a => a.TextContent.Trim()).ShouldContain("Team");
        button.GetAttribute("aria-expanded").ShouldBe("true");

        await menu.InvokeAsync(() => menu.Find("nav.mud-nav-group > button").Click());

        menu.Find("nav.mud-nav-group > button").GetAttribute("aria-expanded").ShouldBe("false");
        menu.Find("nav.mud-nav-group > button").ClassList.ShouldNotContain("mud-expanded");
        menu.FindAll("#nav-settings a").ShouldBeEmpty();
        menu.FindAll("a").Select(a => a.TextContent.Trim()).ShouldContain("Reports");
    }

    [Theory]
    [InlineData(true, TeamRole.Owner, true)]
    [InlineData(false, TeamRole.Owner, false)]
    [InlineData(true, TeamRole.Manager, false)]
    public async Task NavMenu_OffersTheSimulator_OnlyToTheOwner_AndOnlyWhenItIsSwitchedOn(bool enabled, TeamRole role, bool shown)
    {
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new SimulatorOptions { Enabled = enabled }));
        await SignInAsync(role, "Mira Manager");

        var links = Render<NavMenu>().FindAll("a").Select(a => a.TextContent.Trim());

        links.Contains("WhatsApp simulator").ShouldBe(shown);
    }

    [Fact]
    public void ComingSoon_SaysTheFeatureIsComing_NotThatDataIsMissing()
    {
        var page = Render<ComingSoon>(p => p.Add(c => c.Title, "Contacts").Add(c => c.Icon, MudBlazor.Icons.Material.Filled.Contacts).Add(c => c.Text, "The contact list is coming."));

        page.Find("h1").TextContent.ShouldBe("Contacts");
        page.Markup.ShouldContain("Coming soon");
    }

    [Fact]
    public async Task UserMenu_OpensFromItsActivator_WithPasswordAndSignOut()
    {
        await SignInAsync(TeamRole.Manager, "Mira Manager");
        var providers = RenderProviders();
        var menu = Render<UserMenu>();

        var activator = menu.Find(".mud-menu-activator");
        activator.GetAttribute("role").ShouldBe("button");
        activator.QuerySelectorAll("button, a, [tabindex]").Length.ShouldBe(0, "the activator is the one control; nothing interactive nests in it");
        activator.TextContent.ShouldContain("Mira Manager");
        activator.TextContent.ShouldContain("Manager");
        menu.Find(".bi-usermenu").Click();

        providers.WaitForAssertion(() => providers.Markup.ShouldContain("Change password"));
        providers.Find("form[action='account/logout'] button[type=submit]").TextContent.ShouldContain("Sign out");
    }
}
