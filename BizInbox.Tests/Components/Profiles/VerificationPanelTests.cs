using System.Globalization;
using BizInbox.Domain.Profiles;
using BizInbox.Web.Features.Profiles;
using Bunit;

namespace BizInbox.Tests.Components.Profiles;

public sealed class VerificationPanelTests : ComponentTest
{
    private static WhatsAppNumberStatus Report(string nameStatus, string quality, string tier) =>
        new("Schmidt", nameStatus, null, null, false, quality, tier, DateTimeOffset.UnixEpoch);

    private IRenderedComponent<VerificationPanel> RenderPanel(WhatsAppNumberStatus report) =>
        Render<VerificationPanel>(p => p.Add(v => v.User, User).Add(v => v.Connected, true).Add(v => v.Report, report));

    [Theory]
    [InlineData("APPROVED", "GREEN", "TIER_1K", "Approved", "High", "1,000 customers a day")]
    [InlineData("PENDING_REVIEW", "YELLOW", "TIER_250", "Waiting for review", "Medium", "250 customers a day")]
    [InlineData("DECLINED", "RED", "TIER_UNLIMITED", "Declined", "Low", "Unlimited")]
    [InlineData("EXPIRED", "UNKNOWN", "TIER_50", "Expired", "Not rated yet", "50 customers a day")]
    [InlineData("NONE", "GREEN", "TIER_100K", "No name", "High", "100,000 customers a day")]
    public async Task ShowsWhatsAppsStatusesInOurWords_WithTheExplanationAndMetasTermInTheTooltip(
        string nameStatus, string quality, string tier, string nameText, string qualityText, string tierText)
    {
        await SignInAsync();

        var panel = RenderPanel(Report(nameStatus, quality, tier));

        panel.Find("[data-testid=name-status]").TextContent.ShouldBe(nameText);
        panel.Find("[data-testid=quality]").TextContent.ShouldBe(qualityText);
        panel.Find("[data-testid=tier]").TextContent.ShouldBe(tierText);
        panel.Find("[data-testid=quality]").GetAttribute("title")!.ShouldEndWith($"({quality})");
        panel.Find("[data-testid=tier]").GetAttribute("title")!.ShouldEndWith($"({tier})");
    }

    [Fact]
    public async Task AValueMetaAddsLater_IsShownAsMetaWroteIt()
    {
        await SignInAsync();

        var panel = RenderPanel(Report("UNDER_APPEAL", "PURPLE", "TIER_2K"));

        panel.Find("[data-testid=name-status]").TextContent.ShouldBe("UNDER_APPEAL");
        panel.Find("[data-testid=quality]").TextContent.ShouldBe("PURPLE");
        panel.Find("[data-testid=tier]").TextContent.ShouldBe("TIER_2K");
        panel.Find("[data-testid=tier]").HasAttribute("title").ShouldBeFalse();
    }

    [Fact]
    public async Task InGerman_TheStatusesAreGerman()
    {
        await SignInAsync();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de");
        try
        {
            var panel = RenderPanel(Report("PENDING_REVIEW", "RED", "TIER_10K"));

            panel.Find("[data-testid=name-status]").TextContent.ShouldBe("Wartet auf Prüfung");
            panel.Find("[data-testid=quality]").TextContent.ShouldBe("Niedrig");
            panel.Find("[data-testid=tier]").TextContent.ShouldBe("10.000 Kunden pro Tag");
        }
        finally
        {
            UseEnglish();
        }
    }
}
