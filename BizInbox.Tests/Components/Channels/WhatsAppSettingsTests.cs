using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Features.Channels;
using Bunit;
using BizInbox.Web.Features.Contacts;

namespace BizInbox.Tests.Components.Channels;

public sealed class WhatsAppSettingsTests : ComponentTest
{
    private const string WebhookUrl = "https://inbox.example.com/webhooks/whatsapp";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync();
    }

    private static WhatsAppConnectionView Connection(DateTimeOffset? lastWebhookAt = null, string? lastSendError = null, WhatsAppHealth? health = null) =>
        new(7, "WhatsApp", "106540352242922", "102290129340398", "+49 40 1234567", "v21.0", "https://graph.facebook.com",
            "••••7781", "••••4242", "••••0815", lastWebhookAt, lastSendError, health ?? WhatsAppHealth.Healthy);

    private IRenderedComponent<WhatsAppSettings> RenderSettings(WhatsAppConnectionView? connection) =>
        Render<WhatsAppSettings>(p => p.Add(s => s.Connection, connection).Add(s => s.WebhookUrl, WebhookUrl));

    [Fact]
    public void WithoutAConnection_OffersToConnectANumber_AndShowsTheWebhookToEnter()
    {
        var settings = RenderSettings(null);

        settings.Find("h2").TextContent.ShouldBe("Connect a WhatsApp number");
        settings.FindAll(".mud-chip").ShouldBeEmpty();
        settings.Input("Inbox name").ShouldNotBeNull();
        settings.Input("Webhook URL").GetAttribute("value").ShouldBe(WebhookUrl);
    }

    [Fact]
    public void AConnectionThatHasHeardNothingYet_WarnsThatNoWebhookArrived()
    {
        var settings = RenderSettings(Connection());

        settings.Find("h2").TextContent.ShouldBe("WhatsApp: +49 40 1234567");
        var chip = settings.Find(".mud-chip");
        chip.TextContent.Trim().ShouldBe("No webhook received yet");
        chip.ClassList.ShouldContain("mud-chip-color-warning");
        settings.FindAll(".mud-alert").ShouldBeEmpty();
        settings.FindAll("label").ShouldNotContain(l => l.TextContent.Trim() == "Inbox name");
    }

    [Fact]
    public void AConnectionThatHeardAWebhook_SaysWhen_AndItsLastSendErrorIsShown()
    {
        var heardAt = Database.Clock.GetUtcNow().AddMinutes(-5);
        var settings = RenderSettings(Connection(heardAt, "(#131030) Recipient phone number not in allowed list"));

        var chip = settings.Find(".mud-chip");
        chip.TextContent.Trim().ShouldStartWith("Last webhook ");
        chip.ClassList.ShouldContain("mud-chip-color-success");
        settings.Find(".mud-alert").TextContent.Trim().ShouldBe("Last send error: (#131030) Recipient phone number not in allowed list");
    }

    [Fact]
    public void AConnectionWithoutReportedErrors_IsShownHealthy()
    {
        var settings = RenderSettings(Connection());

        settings.Find("[data-testid=whatsapp-health]").TextContent.Trim().ShouldBe("Healthy: WhatsApp reported no errors");
    }

    [Fact]
    public void ReportedErrors_ShowTheLastInOurWords_WhenAndHowMany()
    {
        var at = Database.Clock.GetUtcNow().AddMinutes(-3);
        var settings = RenderSettings(Connection(health: new WhatsAppHealth(2, 5, 130429, "Rate limit hit", at)));

        var health = settings.Find("[data-testid=whatsapp-health]");
        health.TextContent.ShouldNotContain("Healthy");
        var last = settings.Find("[data-testid=whatsapp-last-error]").TextContent;
        last.ShouldStartWith("Last error reported by WhatsApp ");
        last.ShouldContain("WhatsApp's sending limit for this number was reached (130429)");
        settings.Find("[data-testid=whatsapp-error-count]").TextContent.Trim().ShouldBe("2 in the last 24 hours, 5 since connected");
    }

    [Fact]
    public void AnErrorWeDoNotKnow_IsShownInMetasWords()
    {
        var settings = RenderSettings(Connection(health: new WhatsAppHealth(1, 1, 135000, "Generic user error", Database.Clock.GetUtcNow())));

        settings.Find("[data-testid=whatsapp-last-error]").TextContent.ShouldContain("135000: Generic user error");
    }
}
