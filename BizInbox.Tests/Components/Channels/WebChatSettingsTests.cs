using BizInbox.Domain.Channels;
using BizInbox.Web.Features.Channels;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Components.Channels;

public sealed class WebChatSettingsTests : ComponentTest
{
    private async Task<BizInbox.Domain.Channels.Inbox> WebChatAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Inboxes.AsNoTracking().SingleAsync(i => i.Channel == ChannelType.WebChat);
    }

    [Fact]
    public async Task Save_WritesNameGreetingAndAvailability()
    {
        await SignInAsync();
        var hosts = Hosts.Render(this);
        var page = Render<ChannelsPage>();

        page.Input("Name shown to customers").Change("Fahrradladen Nord");
        page.Input("Greeting (optional)").Change("Moin! Wie können wir helfen?");
        page.Find("form[aria-label='Web chat settings'] input[type=checkbox]").Change(false);
        page.Find("form[aria-label='Web chat settings']").Submit();

        hosts.Snackbars.WaitForAssertion(() => hosts.Snackbars.Markup.ShouldContain("Saved."));
        var inbox = await WebChatAsync();
        (inbox.Name, inbox.Greeting, inbox.IsEnabled).ShouldBe(("Fahrradladen Nord", "Moin! Wie können wir helfen?", false));
        page.WaitForAssertion(() => page.Find("h2").TextContent.ShouldBe("Web chat: Fahrradladen Nord"));
    }

    [Fact]
    public async Task Save_WithoutAName_SaysSoNextToTheName_AndKeepsTheGreeting()
    {
        await SignInAsync();
        var page = Render<ChannelsPage>();

        page.Input("Name shown to customers").Change("  ");
        page.Input("Greeting (optional)").Change("Hallo!");
        page.Find("form[aria-label='Web chat settings']").Submit();

        page.WaitForAssertion(() => page.ErrorOf("Name shown to customers").ShouldBe("The inbox needs a name."));
        page.Input("Greeting (optional)").TextContent.ShouldBe("Hallo!");
        (await WebChatAsync()).Name.ShouldBe("Website chat");
    }

    [Fact]
    public async Task EmbedCode_NamesThisInbox_AndCanBeCopied()
    {
        await SignInAsync();
        var copied = JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true);
        Hosts.Render(this);
        var page = Render<ChannelsPage>();
        var key = (await WebChatAsync()).PublicKey;

        page.Input("Embed code").GetAttribute("value").ShouldBe($"<script src=\"http://localhost/widget.js\" data-inbox=\"{key}\" async></script>");
        page.Find("button[aria-label='Copy: Embed code']").Click();

        copied.Invocations.Single().Arguments.Single().ShouldBe(page.Input("Embed code").GetAttribute("value"));
    }

    [Fact]
    public async Task Page_NoLongerSaysWhatsAppRepliesAndMediaComeLater()
    {
        await SignInAsync();

        var page = Render<ChannelsPage>();

        page.Markup.ShouldNotContain("next release");
        page.Find("form[aria-label='WhatsApp settings']").ShouldNotBeNull();
    }
}
