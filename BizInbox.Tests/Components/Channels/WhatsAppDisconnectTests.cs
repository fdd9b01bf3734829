using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Features.Channels;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Components.Channels;

public sealed class WhatsAppDisconnectTests : GraphComponentTest
{
    private IRenderedComponent<MudBlazor.MudDialogProvider> _dialogs = default!;

    private async Task<IRenderedComponent<ChannelsPage>> ChannelsWithANumberAsync()
    {
        await SignInAsync();
        await ConnectNumberAsync();
        _dialogs = Render<MudBlazor.MudDialogProvider>();
        Render<MudBlazor.MudSnackbarProvider>();
        Render<MudBlazor.MudPopoverProvider>();
        return Render<ChannelsPage>();
    }

    [Fact]
    public async Task Disconnect_AsksNamingTheNumber_ThenOffersToReconnectTheInbox()
    {
        var page = await ChannelsWithANumberAsync();

        page.Find("[data-testid=whatsapp-disconnect]").Click();

        var dialog = _dialogs.WaitForElement(".mud-dialog");
        dialog.TextContent.ShouldContain("Disconnect +49 40 1234567?");
        dialog.TextContent.ShouldContain("stay readable");
        dialog.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Disconnect").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=whatsapp-disconnected]"));
        page.FindAll("h2").Select(h => h.TextContent).ShouldContain("Reconnect WhatsApp");
        page.FindAll("[data-testid=whatsapp-disconnect]").ShouldBeEmpty();
        await using var db = Database.CreateDbContext();
        (await db.WhatsAppConnections.AnyAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task Disconnect_Cancelled_KeepsTheNumber()
    {
        var page = await ChannelsWithANumberAsync();

        page.Find("[data-testid=whatsapp-disconnect]").Click();
        _dialogs.WaitForElement(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        _dialogs.WaitForAssertion(() => _dialogs.FindAll(".mud-dialog").ShouldBeEmpty());
        (await Get<WhatsAppConnections>().SecretsAsync()).ShouldHaveSingleItem();
        page.FindAll("[data-testid=whatsapp-disconnect]").ShouldHaveSingleItem();
    }
}
