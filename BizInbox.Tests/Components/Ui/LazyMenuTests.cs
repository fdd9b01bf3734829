using BizInbox.Web.Ui;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using MudBlazor.Services;

namespace BizInbox.Tests.Components.Ui;

public sealed class LazyMenuTests : BunitContext, IAsyncLifetime
{
    private readonly List<string> _chosen = [];
    private readonly IRenderedComponent<MudPopoverProvider> _popovers;

    public LazyMenuTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _popovers = Render<MudPopoverProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover service is disposed asynchronously only.
    public new Task DisposeAsync() => base.DisposeAsync().AsTask();

    public static TheoryData<string?, string?, Size, Variant, Color> Activators => new()
    {
        { "Snooze…", Icons.Material.Filled.Snooze, Size.Small, Variant.Text, Color.Default },
        { "Anna Agent", Icons.Material.Filled.Person, Size.Small, Variant.Outlined, Color.Default },
        { "Export", null, Size.Medium, Variant.Text, Color.Default },
        { null, null, Size.Medium, Variant.Text, Color.Inherit },
    };

    [Theory]
    [MemberData(nameof(Activators))]
    public void ClosedMenu_IsMudMenusActivator_AsMarkup(string? label, string? startIcon, Size size, Variant variant, Color color)
    {
        var icon = label is null ? Icons.Material.Filled.Translate : null;
        var real = Render<MudMenu>(p => p.Add(m => m.Label, label).Add(m => m.StartIcon, startIcon).Add(m => m.Icon, icon).Add(m => m.Size, size)
            .Add(m => m.Variant, variant).Add(m => m.Color, color).Add(m => m.AriaLabel, "Choose").Add(m => m.Class, "bi-x"));
        var lazy = Render<LazyMenu>(p => p.Add(m => m.Label, label).Add(m => m.StartIcon, startIcon).Add(m => m.Icon, icon).Add(m => m.Size, size)
            .Add(m => m.Variant, variant).Add(m => m.Color, color).Add(m => m.AriaLabel, "Choose").Add(m => m.Class, "bi-x")
            .AddUnmatched("data-testid", "choice").Add(m => m.ChildContent, Items("One")));

        lazy.FindComponents<MudMenu>().ShouldBeEmpty();
        lazy.FindComponents<MudButton>().ShouldBeEmpty();
        lazy.Find("button").OuterHtml.MarkupMatches(real.Find("button").OuterHtml);
        lazy.Find("div").GetAttribute("class").ShouldBe(real.Find("div").GetAttribute("class"));
        lazy.Find("div").GetAttribute("data-testid").ShouldBe("choice");
    }

    [Fact]
    public void ClosedMenu_KeepsItsTestIdAndOtherAttributes_OnItsRoot()
    {
        var lazy = Render<LazyMenu>(p => p.Add(m => m.Label, "More").AddUnmatched("data-testid", "more").AddUnmatched("aria-hidden", "true")
            .Add(m => m.ChildContent, Items("One")));
        var plain = Render<LazyMenu>(p => p.Add(m => m.Label, "Plain").Add(m => m.ChildContent, Items("One")));

        var root = lazy.Find("div.mud-menu");
        root.GetAttribute("data-testid").ShouldBe("more");
        root.GetAttribute("aria-hidden").ShouldBe("true");
        plain.Find("div.mud-menu").HasAttribute("data-testid").ShouldBeFalse();
    }

    [Fact]
    public void Click_BuildsTheRealMenu_OpensIt_AndItsItemsWork()
    {
        var popovers = _popovers;
        var menu = Render<LazyMenu>(p => p.Add(m => m.Label, "Priority").Add(m => m.AriaLabel, "Priority: Normal")
            .Add(m => m.ChildContent, Items("Urgent", "Normal")));
        popovers.FindAll(".mud-menu-item").ShouldBeEmpty();

        menu.Find("button").Click();

        popovers.WaitForElements(".mud-menu-item").Select(i => i.TextContent.Trim()).ShouldBe(["Urgent", "Normal"]);
        menu.FindComponent<MudMenu>().Find("button").GetAttribute("aria-expanded").ShouldBe("true");
        popovers.FindAll(".mud-menu-item").First(i => i.TextContent.Trim() == "Urgent").Click();
        _chosen.ShouldBe(["Urgent"]);
    }

    [Fact]
    public void OwnActivator_OpensByClick_AndByEnter_AndStaysTheSameMarkup()
    {
        var popovers = _popovers;
        var menu = Render<LazyMenu>(p => p.Add(m => m.ActivatorContent, Activator).Add(m => m.ChildContent, Items("Sign out")));
        var closed = menu.Find(".mud-menu-activator");
        (closed.GetAttribute("role"), closed.GetAttribute("tabindex"), closed.GetAttribute("aria-haspopup")).ShouldBe(("button", "0", "menu"));

        closed.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        popovers.WaitForElements(".mud-menu-item").Single().TextContent.Trim().ShouldBe("Sign out");
        menu.Find(".mud-menu-activator .bi-own").TextContent.ShouldBe("Mira");

        var clicked = Render<LazyMenu>(p => p.Add(m => m.ActivatorContent, Activator).Add(m => m.ChildContent, Items("Password")));
        clicked.Find(".bi-own").Click();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-menu-item").Select(i => i.TextContent.Trim()).ShouldContain("Password"));
    }

    [Fact]
    public void IconButtonMarkup_LooksLikeMudIconButton()
    {
        var real = Render<MudIconButton>(p => p.Add(b => b.Icon, Icons.Material.Filled.Menu).Add(b => b.Color, Color.Inherit).Add(b => b.Edge, Edge.Start)
            .AddUnmatched("aria-label", "Menu"));
        var drawn = Render(builder =>
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "type", "button");
            builder.AddAttribute(2, "class", MudMarkup.IconButton(Color.Inherit, Size.Medium, Edge.Start));
            builder.AddAttribute(3, "aria-label", "Menu");
            builder.AddContent(4, MudMarkup.IconButtonLabel(Icons.Material.Filled.Menu, Size.Medium));
            builder.CloseElement();
        });
        var small = Render<MudIconButton>(p => p.Add(b => b.Icon, Icons.Material.Filled.Close).Add(b => b.Size, Size.Small).Add(b => b.Class, "bi-close"));

        drawn.Find("button").OuterHtml.MarkupMatches(real.Find("button").OuterHtml);
        Render(builder => builder.AddContent(0, MudMarkup.IconButtonLabel(Icons.Material.Filled.Close, Size.Small))).Find("span").OuterHtml
            .MarkupMatches(small.Find("span").OuterHtml);
        MudMarkup.IconButton(Color.Default, Size.Small, cssClass: "bi-close").ShouldBe(small.Find("button").GetAttribute("class"));
        ReferenceEquals(MudMarkup.IconButton(Color.Default, Size.Small), MudMarkup.IconButton(Color.Default, Size.Small)).ShouldBeTrue("one class list per app, not per circuit");
    }

    private static RenderFragment<Func<EventArgs, Task>> Activator => toggle => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "bi-own");
        builder.AddAttribute(2, "onclick", (Func<MouseEventArgs, Task>)(e => toggle(e)));
        builder.AddContent(3, "Mira");
        builder.CloseElement();
    };

    private RenderFragment Items(params string[] names) => builder =>
    {
        foreach (var name in names)
        {
            builder.OpenComponent<MudMenuItem>(0);
            builder.AddComponentParameter(1, nameof(MudMenuItem.OnClick), EventCallback.Factory.Create<MouseEventArgs>(this, () => _chosen.Add(name)));
            builder.AddComponentParameter(2, nameof(MudMenuItem.ChildContent), (RenderFragment)(b => b.AddContent(0, name)));
            builder.CloseComponent();
        }
    };
}
