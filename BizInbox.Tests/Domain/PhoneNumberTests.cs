using BizInbox.Domain.Contacts;

namespace BizInbox.Tests.Domain;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("+49 171 2345678", null, "491712345678")]
    [InlineData("+49 (0)171 234-5678", null, "491712345678")]
    [InlineData("0049 171 2345678", null, "491712345678")]
    [InlineData("0171 2345678", "49", "491712345678")]
    [InlineData("491712345678", null, "491712345678")]
    [InlineData("+43 660 1234567", "49", "436601234567")]
    [InlineData("(030) 123456", "49", "4930123456")]
    public void Normalize_GivesOneFormForTheSamePerson(string input, string? country, string expected) =>
        PhoneNumber.Normalize(input, country).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345")]
    [InlineData("+49 171 2345678 9999999")]
    [InlineData("keine Nummer")]
    public void Normalize_RefusesWhatCannotBeANumber(string? input) =>
        PhoneNumber.Normalize(input, "49").ShouldBeNull();
}
