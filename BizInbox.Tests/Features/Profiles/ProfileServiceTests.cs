using BizInbox.Domain.Profiles;
using BizInbox.Domain.Team;
using BizInbox.Tests.Domain.Profiles;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Profiles;
using BizInbox.Web.Ui;

namespace BizInbox.Tests.Features.Profiles;

public abstract class ProfileServiceTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    private static readonly ProfileFields Bakery = new("baeckerei-schmidt", "Frisch seit 1920", "Brot und Brötchen", "RESTAURANT", "Hauptstr. 1, München", "info@schmidt.de", ["https://schmidt.de"]);

    private static readonly BusinessSettings Berlin = new("Europe/Berlin", "DE", "de");

    private ProfileService Profiles => Database.Get<ProfileService>();

    [Fact]
    public async Task Save_ThenGet_ReturnsTheProfileAndRecordsEachChangedField()
    {
        var owner = await SetupOwnerAsync();

        await Profiles.SaveAsync(As(owner), Berlin with { Country = "AT" }, Bakery);

        var state = await Profiles.GetAsync(As(owner));
        state.Fields.ShouldBe(Bakery, new ProfileFieldsComparer());
        state.Settings.Country.ShouldBe("AT");
        var history = await Profiles.HistoryAsync(As(owner));
        history.Select(h => h.Field).ShouldBe(["slug", "about", "description", "vertical", "address", "email", "websites", "country"], ignoreOrder: true);
        history.ShouldAllBe(h => h.ActorName == owner.DisplayName);
    }

    [Theory]
    [InlineData(TeamRole.Manager)]
    [InlineData(TeamRole.Agent)]
    public async Task OnlyTheOwner_ReadsOrChangesTheProfile(TeamRole role)
    {
        var owner = await SetupOwnerAsync();
        var member = await AddMemberAsync(owner, role, "member@example.com");

        await ShouldFailWithAsync("profile.owner_only", () => Profiles.GetAsync(As(member)));
        await ShouldFailWithAsync("profile.owner_only", () => Profiles.SaveAsync(As(member), Berlin, Bakery));
        await ShouldFailWithAsync("profile.owner_only", () => Profiles.ChangePictureAsync(As(member), ProfilePictureTests.Png(512, 512)));
    }

    [Fact]
    public async Task ChangingTheZone_IsSeenByTheInboxClock()
    {
        var owner = await SetupOwnerAsync();
        var time = Database.Get<BusinessTime>();
        time.Now.Offset.ShouldBe(TimeSpan.FromHours(1));

        await Profiles.SaveAsync(As(owner), Berlin with { TimeZoneId = "Asia/Tokyo" }, Bakery);

        time.Now.Offset.ShouldBe(TimeSpan.FromHours(9));
    }

    [Fact]
    public async Task Picture_DisguisedOrTooSmall_IsRefusedAndNothingIsStored()
    {
        var owner = await SetupOwnerAsync();
        await Profiles.SaveAsync(As(owner), Berlin, Bakery);

        await ShouldFailWithAsync("profile.picture_type", () => Profiles.ChangePictureAsync(As(owner), "<svg onload=alert(1)>"u8.ToArray()));
        await ShouldFailWithAsync("profile.picture_too_small", () => Profiles.ChangePictureAsync(As(owner), ProfilePictureTests.Png(100, 100)));
        (await Profiles.PictureAsync(Bakery.Slug)).ShouldBeNull();

        await Profiles.ChangePictureAsync(As(owner), ProfilePictureTests.Png(512, 512));
        (await Profiles.PictureAsync(Bakery.Slug))!.Value.ContentType.ShouldBe("image/png");
    }

    [Fact]
    public async Task PublicProfile_IsFoundByItsSlugOnly()
    {
        var owner = await SetupOwnerAsync();
        await Profiles.SaveAsync(As(owner), Berlin, Bakery);

        (await Profiles.PublicAsync("baeckerei-schmidt"))!.Fields.About.ShouldBe("Frisch seit 1920");
        (await Profiles.PublicAsync("someone-else")).ShouldBeNull();
    }

    [Fact]
    public async Task NameRequest_WithoutAWhatsAppNumber_RenamesAtOnce()
    {
        var owner = await SetupOwnerAsync();
        await Profiles.SaveAsync(As(owner), Berlin, Bakery);

        await Profiles.RequestNameAsync(As(owner), "Bäckerei Schmidt & Söhne");

        (await Profiles.GetAsync(As(owner))).Name.ShouldBe("Bäckerei Schmidt & Söhne");
    }

    private sealed class ProfileFieldsComparer : IEqualityComparer<ProfileFields>
    {
        public bool Equals(ProfileFields? x, ProfileFields? y) =>
            x is not null && y is not null && x with { Websites = [] } == y with { Websites = [] } && x.Websites.SequenceEqual(y.Websites);

        public int GetHashCode(ProfileFields obj) => obj.Slug.GetHashCode(StringComparison.Ordinal);
    }
}

public sealed class SqliteProfileServiceTests() : ProfileServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresProfileServiceTests(PostgresServer postgres) : ProfileServiceTests(DatabaseProvider.Postgres, postgres);
