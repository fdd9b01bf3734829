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
}
