using BizInbox.Domain;
using BizInbox.Domain.Businesses;

namespace BizInbox.Tests.Domain;

public class BusinessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_HasTheSingletonIdAndTrimmedName()
    {
        var business = Business.Create("  Bäckerei Schmidt ", "Europe/Berlin", Now);

        business.Id.ShouldBe(Business.SingletonId);
        business.Name.ShouldBe("Bäckerei Schmidt");
        business.TimeZoneId.ShouldBe("Europe/Berlin");
    }

    [Theory]
    [InlineData("", "business.name_required")]
    [InlineData("   ", "business.name_required")]
    public void Create_WithoutAName_IsRefused(string name, string code) =>
        Should.Throw<DomainException>(() => Business.Create(name, "Europe/Berlin", Now)).Code.ShouldBe(code);

    [Fact]
    public void Create_WithATooLongName_IsRefused() =>
        Should.Throw<DomainException>(() => Business.Create(new string('x', Business.MaxNameLength + 1), "Europe/Berlin", Now))
            .Code.ShouldBe("business.name_too_long");

    [Fact]
    public void Create_WithAnUnknownTimeZone_IsRefused() =>
        Should.Throw<DomainException>(() => Business.Create("Shop", "Mars/Olympus", Now)).Code.ShouldBe("business.timezone_unknown");

    [Theory]
    [InlineData("at", "AT")]
    [InlineData(" CH ", "CH")]
    public void ChangeCountry_StoresTheUpperCaseRegion(string country, string stored)
    {
        var business = Business.Create("Shop", "Europe/Berlin", Now);

        business.ChangeCountry(country);

        business.Country.ShouldBe(stored);
    }

    [Theory]
    [InlineData("")]
    [InlineData("DEU")]
    [InlineData("XX")]
    public void ChangeCountry_ToAnUnknownRegion_IsRefused(string country) =>
        Should.Throw<DomainException>(() => Business.Create("Shop", "Europe/Berlin", Now).ChangeCountry(country)).Code.ShouldBe("business.country_unknown");

    [Fact]
    public void ChangeDefaultLanguage_AcceptsOnlyLanguagesTheAppSpeaks()
    {
        var business = Business.Create("Shop", "Europe/Berlin", Now);

        business.ChangeDefaultLanguage("en");

        business.DefaultLanguage.ShouldBe("en");
        Should.Throw<DomainException>(() => business.ChangeDefaultLanguage("fr")).Code.ShouldBe("business.language_unknown");
    }
}
