using System.Text.Json.Nodes;
using BizInbox.Domain.Profiles;
using BizInbox.Tests.Support;
using BizInbox.Web.Components.Layout;
using BizInbox.Web.Features.Profiles;
using Bunit;
using BizInbox.Web.Ui;

namespace BizInbox.Tests.Components.Profiles;

public sealed class ProfileWhatsAppTests : GraphComponentTest
{
    private static readonly ProfileFields Bakery = new("baeckerei-schmidt", "Frisch seit 1920", "Brot", "RESTAURANT", "", "info@schmidt.de", []);

    // Each step is a real HTTP round trip to the fake Graph API; bUnit's one-second default is short on a loaded machine.
    private static readonly TimeSpan GraphWait = TimeSpan.FromSeconds(10);

    private async Task OwnerWithProfileAsync(bool connected = true)
    {
        await SignInAsync();
        if (connected)
        {
            await ConnectNumberAsync();
        }

        await Get<ProfileService>().SaveAsync(User, new BusinessSettings("Europe/Berlin", "DE", "de"), Bakery);
    }

    [Fact]
    public async Task Save_WhenWhatsAppFails_ShowsTheErrorNextToSave_AndRetrySyncs()
    {
        await OwnerWithProfileAsync();
        Graph.FailNext(GraphFailure.ServerError, r => r.Method == "POST" && r.Path.EndsWith("/whatsapp_business_profile", StringComparison.Ordinal));
        RenderProviders();
        var page = Render<BusinessProfilePage>();

        page.Find("form[aria-label='Business profile']").Submit();

        var error = page.WaitForElement("[data-testid=whatsapp-sync-error]", GraphWait);
        error.TextContent.ShouldContain("131000");
        (await Get<ProfileService>().GetAsync(User)).Fields.About.ShouldBe("Frisch seit 1920");
        page.Find("[data-testid=whatsapp-sync-retry]").Click();
        page.WaitForElement("[data-testid=whatsapp-synced]", GraphWait);
        page.FindAll("[data-testid=whatsapp-sync-error]").ShouldBeEmpty();
        Graph.BusinessProfileOf(NumberId)["about"]!.GetValue<string>().ShouldBe("Frisch seit 1920");
    }

    [Fact]
    public async Task Preview_FollowsAFieldAsSoonAsItChanges_BeforeSaving()
    {
        await OwnerWithProfileAsync(connected: false);
        RenderProviders();
        var page = Render<BusinessProfilePage>();
        page.WaitForElement("[data-testid=preview-about]").TextContent.ShouldBe("Frisch seit 1920");

        page.Input("About").Change("Brot und Brötchen");

        page.WaitForAssertion(() => page.Find("[data-testid=preview-about]").TextContent.ShouldBe("Brot und Brötchen"));
        (await Get<ProfileService>().GetAsync(User)).Fields.About.ShouldBe("Frisch seit 1920");
    }

    [Fact]
    public async Task Loading_HighlightsWhereWhatsAppDiffers()
    {
        await OwnerWithProfileAsync();
        Graph.SetBusinessProfileField(NumberId, "about", "Something else");
        Graph.SetBusinessProfileField(NumberId, "email", JsonValue.Create("info@schmidt.de"));
        RenderProviders();

        var page = Render<BusinessProfilePage>();

        var differs = page.WaitForElement("[data-testid=whatsapp-differs]", GraphWait);
        differs.TextContent.ShouldContain("About");
        differs.TextContent.ShouldNotContain("Email");
    }

    [Fact]
    public async Task VerificationPanel_Refresh_ShowsWhatWhatsAppReports()
    {
        await OwnerWithProfileAsync();
        var number = Graph.PhoneNumber(NumberId);
        (number.IsOfficialBusinessAccount, number.QualityRating, number.MessagingLimitTier, number.VerifiedName) = (true, "YELLOW", "TIER_10K", "Schmidt");
        RenderProviders();
        var page = Render<BusinessProfilePage>();
        page.Find("[data-testid=verification]").TextContent.ShouldContain("WhatsApp has not been asked yet.");

        page.Find("[data-testid=verification-refresh]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=oba]").TextContent.ShouldBe("Yes, the badge is shown"), GraphWait);
        page.Find("[data-testid=verified-name]").TextContent.ShouldBe("Schmidt");
        page.Find("[data-testid=quality]").TextContent.ShouldBe("Medium");
        page.Find("[data-testid=tier]").TextContent.ShouldBe("10,000 customers a day");
    }

    [Fact]
    public async Task VerificationPanel_WithoutANumber_SaysThereIsNoBadge()
    {
        await OwnerWithProfileAsync(connected: false);
        RenderProviders();

        var page = Render<BusinessProfilePage>();

        page.Find("[data-testid=verification-none]").ShouldNotBeNull();
        page.FindAll("[data-testid=verification-refresh]").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Header_ShowsTheBadgeOnlyForAnOfficialBusinessAccount(bool official, bool badge)
    {
        await OwnerWithProfileAsync();
        Graph.PhoneNumber(NumberId).IsOfficialBusinessAccount = official;
        await Get<WhatsAppProfileSync>().RefreshAsync(User);

        var header = Render<BusinessName>();

        header.WaitForElement("[data-testid=header-business]", GraphWait);
        header.FindAll("[data-testid=verified-badge]").Count.ShouldBe(badge ? 1 : 0);
    }
}
