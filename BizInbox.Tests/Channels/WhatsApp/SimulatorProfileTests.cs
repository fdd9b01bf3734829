using BizInbox.Domain.Profiles;
using BizInbox.Tests.Domain.Profiles;
using BizInbox.Web.Features.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>The simulator's fake Graph API answers the business profile, its picture upload and the verification fields, so the demo's profile works.</summary>
public sealed class SimulatorProfileTests(SimulatorTests.RunningApp running) : IClassFixture<SimulatorTests.RunningApp>
{
    private T Get<T>() where T : notnull => running.App.Services.GetRequiredService<T>();

    [Fact]
    public async Task Profile_SyncsWithPicture_ComparesEqual_AndTheNameReviewEndsApproved()
    {
        var profiles = Get<ProfileService>();
        var sync = Get<WhatsAppProfileSync>();
        await profiles.SaveAsync(running.Owner, new BusinessSettings("Europe/Berlin", "DE", "de"),
            new ProfileFields("simulator-demo", "Frisch seit 1920", "Brot", "RESTAURANT", "Hauptstr. 1", "info@example.com", ["https://example.com"]));
        await profiles.ChangePictureAsync(running.Owner, ProfilePictureTests.Png(256, 256));

        (await sync.PushAsync(running.Owner, withPicture: true)).ShouldBeTrue();

        (await sync.CompareAsync(running.Owner))!.Differences.ShouldBeEmpty();
        var report = (await sync.RefreshAsync(running.Owner))!;
        (report.VerifiedName.Length > 0, report.QualityRating, report.MessagingLimitTier).ShouldBe((true, "GREEN", "TIER_1K"));

        await profiles.RequestNameAsync(running.Owner, "Bäckerei Simulator");
        await sync.RefreshAsync(running.Owner);
        (await profiles.GetAsync(running.Owner)).NameStatus.ShouldBe(NameReviewStatus.Pending);
        await sync.RefreshAsync(running.Owner);
        (await profiles.GetAsync(running.Owner)).Name.ShouldBe("Bäckerei Simulator");
    }
}
