using BizInbox.Domain;
using BizInbox.Domain.Profiles;

namespace BizInbox.Tests.Domain.Profiles;

public class BusinessProfileTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static ProfileFields Valid(
        string slug = "baeckerei-schmidt", string about = "Frisch seit 1920", string description = "", string vertical = "RESTAURANT",
        string address = "", string email = "info@example.de", params string[] websites) =>
        new(slug, about, description, vertical, address, email, websites);

    [Theory]
    [InlineData("abc", null)]
    [InlineData("baeckerei-schmidt-2", null)]
    [InlineData("ab", "profile.slug_length")]
    [InlineData("Abc", "profile.slug_characters")]
    [InlineData("bäcker", "profile.slug_characters")]
    [InlineData("-abc", "profile.slug_characters")]
    [InlineData("abc-", "profile.slug_characters")]
    [InlineData("a--b", "profile.slug_characters")]
    [InlineData("a b c", "profile.slug_characters")]
    [InlineData("settings", "profile.slug_reserved")]
    [InlineData("whatsapp", "profile.slug_reserved")]
    public void SlugProblem_FollowsTheSlugRules(string slug, string? problem) => ProfileRules.SlugProblem(slug).ShouldBe(problem);

    [Fact]
    public void SlugProblem_RefusesMoreThanSixtyCharacters()
    {
        ProfileRules.SlugProblem(new string('a', 60)).ShouldBeNull();
        ProfileRules.SlugProblem(new string('a', 61)).ShouldBe("profile.slug_length");
    }

    [Theory]
    [InlineData("Bäckerei Schmidt", "baeckerei-schmidt")]
    [InlineData("  A&B  GmbH ", "a-b-gmbh")]
    [InlineData("Go", "go-shop")]
    public void SuggestSlug_MakesAValidSlugFromTheName(string name, string slug)
    {
        ProfileRules.SuggestSlug(name).ShouldBe(slug);
        ProfileRules.SlugProblem(slug).ShouldBeNull();
    }

    [Theory]
    [InlineData("About", 139)]
    [InlineData("Description", 512)]
    [InlineData("Address", 256)]
    public void Problems_AcceptWhatsAppsLimitAndRefuseOneCharacterMore(string field, int limit)
    {
        ProfileFields With(int length) => field switch
        {
            "About" => Valid(about: new string('x', length)),
            "Description" => Valid(description: new string('x', length)),
            _ => Valid(address: new string('x', length)),
        };

        With(limit).Problems().ShouldBeEmpty();
        With(limit + 1).Problems()[field].ShouldBe("profile.too_long");
    }

    [Theory]
    [InlineData("info@example.de", true)]
    [InlineData("", true)]
    [InlineData("info@example", false)]
    [InlineData("info example@x.de", false)]
    [InlineData("no-at.example.de", false)]
    public void Problems_ValidateTheEmail(string email, bool valid) =>
        Valid(email: email).Problems().ContainsKey("Email").ShouldBe(!valid);

    [Fact]
    public void Problems_RefuseAnEmailLongerThanWhatsAppAllows() =>
        Valid(email: new string('a', 120) + "@example.de").Problems()["Email"].ShouldBe("profile.email_invalid");

    [Theory]
    [InlineData("https://example.de", null)]
    [InlineData("http://example.de/shop?x=1", null)]
    [InlineData("ftp://example.de", "profile.website_invalid")]
    [InlineData("javascript:alert(1)", "profile.website_invalid")]
    [InlineData("example.de", "profile.website_invalid")]
    public void Problems_AcceptOnlyHttpAndHttpsWebsites(string website, string? problem) =>
        Valid(websites: website).Problems().GetValueOrDefault("Websites").ShouldBe(problem);

    [Fact]
    public void Problems_RefuseAThirdWebsite() =>
        Valid(websites: ["https://a.de", "https://b.de", "https://c.de"]).Problems()["Websites"].ShouldBe("profile.websites_too_many");

    [Fact]
    public void Problems_RefuseAVerticalWhatsAppDoesNotKnow() =>
        Valid(vertical: "BAKERY").Problems()["Vertical"].ShouldBe("profile.vertical_unknown");

    [Fact]
    public void Update_StoresTrimmedFieldsAndDropsEmptyWebsites()
    {
        var profile = BusinessProfile.Create(1, Valid(slug: "  Shop-1 ", about: " Hallo ", websites: ["", " https://a.de "]), Now);

        profile.Slug.ShouldBe("shop-1");
        profile.About.ShouldBe("Hallo");
        profile.Websites.ShouldBe(["https://a.de"]);
        profile.UpdatedAt.ShouldBe(Now);
    }

    [Fact]
    public void Update_WithAnInvalidField_ChangesNothing()
    {
        var profile = BusinessProfile.Create(1, Valid(), Now);

        Should.Throw<DomainException>(() => profile.Update(Valid(about: "new", email: "broken"), Now.AddHours(1))).Code.ShouldBe("profile.email_invalid");

        profile.About.ShouldBe("Frisch seit 1920");
        profile.UpdatedAt.ShouldBe(Now);
    }
}
