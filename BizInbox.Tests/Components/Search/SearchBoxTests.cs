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

        input.Input("   ");
        input.KeyDown(new KeyboardEventArgs { Key = "Enter" });
        navigation.Uri.ShouldNotContain("search");

        box.Find("input[data-testid=search-box]").Input(" Müller's ");
        box.Find("input[data-testid=search-box]").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        navigation.Uri.ShouldEndWith("search?q=M%C3%BCller%27s");
    }
}
