using System.Globalization;
using BizInbox.Domain;
using BizInbox.Domain.Contacts;

namespace BizInbox.Tests.Domain.Contacts;

public class AttributeValueTests
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    private static AttributeDefinition Of(AttributeType type, params string[] options) =>
        AttributeDefinition.Define("field", "Field", type, null, options, 0);

    private static string CodeOf(Action action) => Should.Throw<DomainException>(action).Code;

    [Theory]
    [InlineData("de-DE", "12,5", "12.5")]
    [InlineData("de-DE", "12.5", "12.5")]
    [InlineData("en-US", "12.5", "12.5")]
    [InlineData("en-US", "-3", "-3")]
    [InlineData("de-DE", " 1000 ", "1000")]
    public void Number_IsReadInTheMembersCultureAndInvariantly_AndStoredInvariantly(string culture, string input, string canonical)
    {
        var value = Of(AttributeType.Number).Read(input, CultureInfo.GetCultureInfo(culture))!;

        value.Text.ShouldBe(canonical);
        value.Number.ShouldBe(double.Parse(canonical, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("en-US", "12,5")]
    [InlineData("de-DE", "1.500,00")]
    [InlineData("en-US", "twelve")]
    [InlineData("en-US", "1e5")]
    public void Number_WithGroupSeparatorsOrLetters_IsRefused(string culture, string input) =>
        CodeOf(() => Of(AttributeType.Number).Read(input, CultureInfo.GetCultureInfo(culture))).ShouldBe("attribute.number_invalid");

    [Theory]
    [InlineData("2026-03-31", "en-US")]
    [InlineData("31.03.2026", "de-DE")]
    [InlineData("3/31/2026", "en-US")]
    public void Date_IsReadAsADay_AndStoredAsIso(string input, string culture)
    {
        var value = Of(AttributeType.Date).Read(input, CultureInfo.GetCultureInfo(culture))!;

        value.Text.ShouldBe("2026-03-31");
        value.Date.ShouldBe(new DateOnly(2026, 3, 31));
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("next week")]
    public void Date_ThatIsNoDay_IsRefused(string input) =>
        CodeOf(() => Of(AttributeType.Date).Read(input, German)).ShouldBe("attribute.date_invalid");

    [Theory]
    [InlineData("https://example.com/kunde/1", true)]
    [InlineData("http://example.com", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("ftp://example.com", false)]
    [InlineData("example.com", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Link_OnlyAcceptsHttpAndHttps(string input, bool accepted)
    {
        var link = Of(AttributeType.Link);
        if (accepted)
        {
            link.Read(input, English)!.Text.ShouldBe(input);
        }
        else
        {
            CodeOf(() => link.Read(input, English)).ShouldBe("attribute.url_invalid");
        }
    }

    [Fact]
    public void List_TakesAnOptionInItsDefinedSpelling_AndRefusesOthers()
    {
        var tier = Of(AttributeType.List, "Gold", "Silber");

        tier.Read("gold", German)!.Text.ShouldBe("Gold");
        CodeOf(() => tier.Read("Bronze", German)).ShouldBe("attribute.option_unknown");
    }

    [Theory]
    [InlineData("true", "true", true)]
    [InlineData("False", "false", false)]
    public void Checkbox_IsTrueOrFalse(string input, string canonical, bool ticked)
    {
        var value = Of(AttributeType.Checkbox).Read(input, English)!;

        value.Text.ShouldBe(canonical);
        value.IsChecked.ShouldBe(ticked);
        CodeOf(() => Of(AttributeType.Checkbox).Read("yes", English)).ShouldBe("attribute.checkbox_invalid");
    }

    [Theory]
    [InlineData(AttributeType.Text)]
    [InlineData(AttributeType.Number)]
    [InlineData(AttributeType.Date)]
    [InlineData(AttributeType.Checkbox)]
    public void EmptyInput_MeansNoValue(AttributeType type)
    {
        Of(type).Read("   ", German).ShouldBeNull();
        Of(type).Read(null, German).ShouldBeNull();
    }

    [Fact]
    public void Text_IsTrimmed_AndLimited()
    {
        Of(AttributeType.Text).Read("  Kundennummer 42 ", German)!.Text.ShouldBe("Kundennummer 42");
        CodeOf(() => Of(AttributeType.Text).Read(new string('x', AttributeValue.MaxTextLength + 1), German)).ShouldBe("attribute.value_too_long");
    }

    [Theory]
    [InlineData("customer_number", null)]
    [InlineData("Customer", "attribute.key_invalid")]
    [InlineData("1st", "attribute.key_invalid")]
    [InlineData("kunden-nr", "attribute.key_invalid")]
    [InlineData("", "attribute.key_invalid")]
    public void Define_AcceptsOnlySlugKeys(string key, string? code)
    {
        if (code is null)
        {
            AttributeDefinition.Define(key, "Customer number", AttributeType.Text, null, null, 0).Key.ShouldBe(key);
        }
        else
        {
            CodeOf(() => AttributeDefinition.Define(key, "Name", AttributeType.Text, null, null, 0)).ShouldBe(code);
        }
    }

    [Fact]
    public void Define_AList_NeedsOptions_WhileOtherTypesIgnoreThem()
    {
        CodeOf(() => AttributeDefinition.Define("tier", "Tier", AttributeType.List, null, [" ", ""], 0)).ShouldBe("attribute.options_required");
        AttributeDefinition.Define("tier", "Tier", AttributeType.List, null, ["Gold", " gold ", "Silber"], 0).Options.ShouldBe(["Gold", "Silber"]);
        AttributeDefinition.Define("note", "Note", AttributeType.Text, null, ["Gold"], 0).Options.ShouldBeEmpty();
    }

    [Fact]
    public void Change_RenamesButKeepsKeyAndType()
    {
        var attribute = AttributeDefinition.Define("vip", "VIP", AttributeType.Checkbox, null, null, 0);

        attribute.Change("Stammkunde", "Kauft jede Woche", null);

        (attribute.Key, attribute.Name, attribute.Type, attribute.Description).ShouldBe(("vip", "Stammkunde", AttributeType.Checkbox, "Kauft jede Woche"));
        CodeOf(() => attribute.Change(" ", null, null)).ShouldBe("attribute.name_required");
    }

    [Fact]
    public void Segment_NeedsAName()
    {
        CodeOf(() => Segment.Save(null, "  ", "{}")).ShouldBe("segment.name_required");
        Segment.Save("user-1", " VIPs ", "{}").Name.ShouldBe("VIPs");
        Segment.Save(null, "VIPs", "{}").IsShared.ShouldBeTrue();
    }
}
