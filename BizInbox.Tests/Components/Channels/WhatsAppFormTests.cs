using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Features.Channels;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Components.Channels;

public sealed class WhatsAppFormTests : ComponentTest
{
    private const string Token = "EAAG-secret-access-token-7781";

    private static void Fill(IRenderedComponent<WhatsAppForm> form, string phoneNumberId = "106540352242922", string? token = Token)
    {
        form.Input("Phone number ID").Change(phoneNumberId);
        form.Input("WhatsApp Business Account ID").Change("102290129340398");
        form.Input("Display phone number").Change("+49 40 1234567");
        if (token is not null)
        {
            form.Input("Access token").Change(token);
        }

        form.Input("App secret").Change("app-secret-4242");
        form.Input("Webhook verify token").Change("verify-token-0815");
    }

    private Task<IReadOnlyList<WhatsAppConnectionView>> ConnectionsAsync() => Get<WhatsAppConnections>().ListAsync(User);

    [Fact]
    public async Task Connect_StoresTheNumber_WithItsOwnInbox()
    {
        await SignInAsync();
        var saved = false;
        Hosts.Render(this);
        var form = Render<WhatsAppForm>(p => p.Add(f => f.OnSaved, () => saved = true));

        Fill(form);
        form.Find("form").Submit();

        form.WaitForAssertion(() => saved.ShouldBeTrue());
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        (connection.InboxName, connection.PhoneNumberId, connection.DisplayPhoneNumber).ShouldBe(("WhatsApp", "106540352242922", "+49 40 1234567"));
        (await Get<WhatsAppConnections>().SecretsForAsync(connection.InboxId))!.AccessToken.ShouldBe(Token);
    }

    [Fact]
    public async Task Connect_WithoutASecret_SaysSoNextToIt_AndKeepsTheRest()
    {
        await SignInAsync();
        var form = Render<WhatsAppForm>();

        Fill(form, token: null);
        form.Find("form").Submit();

        form.ErrorOf("Access token").ShouldBe("This is required to connect the number.");
        form.ErrorOf("App secret").ShouldBeNull();
        form.Input("Phone number ID").GetAttribute("value").ShouldBe("106540352242922");
        (await ConnectionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Connect_WithAnInvalidNumberId_SaysSoNextToIt()
    {
        await SignInAsync();
        var form = Render<WhatsAppForm>();

        Fill(form, phoneNumberId: "10654-abc");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.ErrorOf("Phone number ID").ShouldBe("The phone number ID consists of digits."));
        form.Input("Phone number ID").GetAttribute("value").ShouldBe("10654-abc");
        await using var db = Database.CreateDbContext();
        (await db.WhatsAppConnections.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Connect_WithAnHttpGraphAddress_SaysSoNextToIt_AndKeepsWhatWasTyped()
    {
        await SignInAsync();
        var form = Render<WhatsAppForm>();

        Fill(form);
        form.Input("Graph API address").Change("http://graph.example.com");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.ErrorOf("Graph API address").ShouldBe(
            "The Graph API address must start with https:// (http only for a simulator on this machine in development)."));
        form.Input("Graph API address").GetAttribute("value").ShouldBe("http://graph.example.com");
        (await ConnectionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Edit_ShowsSecretsOnlyAsTheirLastFourCharacters_AndKeepsThemWhenLeftEmpty()
    {
        await SignInAsync();
        var inboxId = await Get<WhatsAppConnections>().ConnectAsync(User, "WhatsApp",
            new WhatsAppSettingsInput("106540352242922", "102290129340398", "+49 40 1234567", Token, "app-secret-4242", "verify-token-0815", null, null));
        var connection = (await ConnectionsAsync()).Single();
        var hosts = Hosts.Render(this);
        var form = Render<WhatsAppForm>(p => p.Add(f => f.Connection, connection));

        form.Field("Access token").TextContent.ShouldContain("Stored: ••••7781. Leave empty to keep it.");
        form.Field("App secret").TextContent.ShouldContain("••••4242");
        form.Markup.ShouldNotContain(Token);
        form.Markup.ShouldNotContain("app-secret");
        form.Input("Access token").GetAttribute("value").ShouldBeNullOrEmpty();

        form.Input("Display phone number").Change("+49 40 7654321");
        form.Find("form").Submit();

        hosts.Snackbars.WaitForAssertion(() => hosts.Snackbars.Markup.ShouldContain("Saved."));
        (await ConnectionsAsync()).Single().DisplayPhoneNumber.ShouldBe("+49 40 7654321");
        (await Get<WhatsAppConnections>().SecretsForAsync(inboxId))!.AccessToken.ShouldBe(Token);
    }
}
