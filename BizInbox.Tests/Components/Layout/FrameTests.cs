using BizInbox.Web.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Extensions;
using BizInbox.Web.Ui;

namespace BizInbox.Tests.Components.Layout;

/// <summary>The frame around the pages: layouts, the reconnect dialog and the way to the sign-in page.</summary>
public sealed class FrameTests : ComponentTest
{
    private static readonly RenderFragment Page = b => b.AddMarkupContent(0, "<button id=\"on-the-page\">Save</button>");

    private IRenderedComponent<MainLayout> RenderMainLayout(bool interactive, bool dark = false)
    {
        Renderer.SetRendererInfo(new RendererInfo(interactive ? "Server" : "Static", interactive));
        return Render<CascadingValue<ThemeMode>>(p => p
            .Add(c => c.Value, new ThemeMode(dark))
            .AddChildContent<MainLayout>(l => l.Add(m => m.Body, Page))).FindComponent<MainLayout>();
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task MainLayout_KeepsThePageDisabled_UntilTheLiveConnectionIsUp(bool interactive, bool disabled)
    {
        await SignInAsync();

        var layout = RenderMainLayout(interactive);

        layout.Find("fieldset.bi-page").HasAttribute("disabled").ShouldBe(disabled);
        layout.Find("fieldset.bi-page #on-the-page").ShouldNotBeNull();
        layout.Find(".bi-shell").GetAttribute("data-interactive").ShouldBe(interactive ? "true" : "false");
    }

    [Fact]
    public async Task MainLayout_MenuButton_FoldsTheNavigationAwayAndBack_AndSaysWhichWay()
    {
        await SignInAsync();
        var layout = RenderMainLayout(interactive: true);
        var menu = () => layout.Find("button[aria-controls='main-navigation']");
        var drawer = () => layout.Find(".mud-drawer").ClassList.Contains("mud-drawer--open");
        var open = menu().GetAttribute("aria-expanded") == "true";
        drawer().ShouldBe(open);

        menu().Click();
        menu().GetAttribute("aria-expanded").ShouldBe(open ? "false" : "true");
        drawer().ShouldBe(!open);
        menu().Click();

        menu().GetAttribute("aria-expanded").ShouldBe(open ? "true" : "false");
        drawer().ShouldBe(open);
    }

    [Fact]
    public async Task MainLayout_StartsInTheThemeThePageWasRenderedIn()
    {
        await SignInAsync();

        var layout = RenderMainLayout(interactive: true, dark: true);

        layout.WaitForAssertion(() => layout.FindAll("style").ShouldContain(style => style.TextContent.Contains("--mud-native-html-color-scheme: dark")));
        layout.Find("button[aria-label='Dark theme']").GetAttribute("aria-pressed").ShouldBe("true");
    }

    [Fact]
    public void AccountLayout_LanguageLinks_ComeBackToThePageTheyWereChosenOn()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("account/login?returnUrl=%2Finbox");

        var layout = Render<AccountLayout>(p => p.Add(l => l.Body, Page));

        layout.FindAll("nav a").Select(a => (a.TextContent, a.GetAttribute("href"))).ShouldBe([
            ("Deutsch", "culture/set?culture=de&returnUrl=%2Faccount%2Flogin%3FreturnUrl%3D%252Finbox"),
            ("English", "culture/set?culture=en&returnUrl=%2Faccount%2Flogin%3FreturnUrl%3D%252Finbox"),
        ]);
        layout.Find("main #on-the-page").ShouldNotBeNull();
    }

    [Fact]
    public void RedirectToLogin_SendsToSignIn_AndBackToTheRequestedPageAfterwards()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("inbox/42?tab=all");

        Render<RedirectToLogin>();

        navigation.Uri.ShouldEndWith("account/login?returnUrl=%2Finbox%2F42%3Ftab%3Dall");
    }

    [Fact]
    public void ReconnectModal_HasWhatBlazorsReconnectScriptLooksFor_InTheUsersLanguage()
    {
        var modal = Render<ReconnectModal>();

        modal.Find("dialog").Id.ShouldBe("components-reconnect-modal");
        modal.Find("#components-seconds-to-next-attempt").ShouldNotBeNull();
        modal.Find("#components-reconnect-button").TextContent.ShouldBe("Try again");
        modal.Find("#components-resume-button").TextContent.ShouldBe("Resume");
        modal.Find(".bi-reconnect-first").TextContent.ShouldBe("Connection lost. Reconnecting…");
        modal.Find(".bi-reconnect-failed").TextContent.ShouldBe("The connection could not be restored. Try again or reload the page.");
        modal.Find("dialog").GetAttribute("aria-live").ShouldBe("assertive");
    }
}
