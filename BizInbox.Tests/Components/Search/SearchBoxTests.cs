using BizInbox.Tests.Components.Inbox;
using BizInbox.Web.Features.Search;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Components.Search;

public sealed class SearchBoxTests : InboxComponentTest
{
    [Fact]
    public async Task Enter_OpensTheResultsPage_ForTheTypedText_AndNothingForBlanks()
    {
        await SignInAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var box = Render<SearchBox>();
        var input = box.Find("input[data-testid=search-box]");

        input.Change("   ");
        input.KeyUp(new KeyboardEventArgs { Key = "Enter" });
        navigation.Uri.ShouldNotContain("search");

        // The browser commits the text (change) when Enter goes down, before the key comes up.
        box.Find("input[data-testid=search-box]").Change(" Müller's ");
        box.Find("input[data-testid=search-box]").KeyUp(new KeyboardEventArgs { Key = "Enter" });
        navigation.Uri.ShouldEndWith("search?q=M%C3%BCller%27s");
    }

    [Fact]
    public void LooksLikeMudBlazorsOutlinedTextField_WithoutItsComponents()
    {
        var box = Render<SearchBox>();
        var real = Render<MudBlazor.MudTextField<string>>(p => p.Add(t => t.Placeholder, "Search").Add(t => t.Variant, MudBlazor.Variant.Outlined)
            .Add(t => t.Margin, MudBlazor.Margin.Dense).Add(t => t.Adornment, MudBlazor.Adornment.Start).Add(t => t.AdornmentIcon, MudBlazor.Icons.Material.Filled.Search));

        foreach (var part in new[] { ".mud-input-control", ".mud-input-control-input-container", ".mud-input", ".mud-input-adornment", "input", "fieldset" })
        {
            box.Find($".bi-searchbox {part}").GetAttribute("class").ShouldBe(real.Find(part).GetAttribute("class"), part);
        }

        box.Find(".mud-input-adornment svg").OuterHtml.Replace(" tabindex=\"-1\"", "").ShouldBe(real.Find(".mud-input-adornment svg").OuterHtml.Replace(" tabindex=\"-1\"", ""));
        box.Find("input").GetAttribute("maxlength").ShouldBe(BizInbox.Domain.Search.SearchQuery.MaxInputLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        box.FindComponents<MudBlazor.MudTextField<string>>().ShouldBeEmpty();
    }
}
