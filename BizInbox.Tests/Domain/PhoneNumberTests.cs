using BizInbox.Domain;
using BizInbox.Domain.Contacts;

namespace BizInbox.Tests.Domain;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("+49 171 2345678", null, "+491712345678")]
    [InlineData("+49 0171 2345678", null, "+491712345678")]
    [InlineData("+49 (0)171 234-5678", null, "+491712345678")]
    [InlineData("+49-171-2345678", null, "+491712345678")]
    [InlineData("0049 171 2345678", null, "+491712345678")]
    [InlineData("0049 171 2345678", "DE", "+491712345678")]
    [InlineData("0171 2345678", "DE", "+491712345678")]
    [InlineData("0171/2345678", "DE", "+491712345678")]
    [InlineData("(0171) 234 56 78", "DE", "+491712345678")]
    [InlineData("0171-234 56 78", "de", "+491712345678")]
    [InlineData("  +49 171 2345678  ", null, "+491712345678")]
    [InlineData("011 49 171 2345678", "US", "+491712345678")]
    [InlineData("(030) 123456", "DE", "+4930123456")]
    [InlineData("0049-30-12 34 56", null, "+4930123456")]
    [InlineData("+43 660 1234567", "DE", "+436601234567")]
    [InlineData("+1 (650) 555-1234", null, "+16505551234")]
    [InlineData("(650) 555-1234", "US", "+16505551234")]
    [InlineData("+55 11 98765-4321", null, "+5511987654321")]
    [InlineData("+52 55 1234 5678", null, "+525512345678")]
    [InlineData("011 15-2345-6789", "AR", "+5491123456789")]
    public void Parse_ReadsCommonNotationsAsOneE164Number(string input, string? region, string e164) =>
        PhoneNumber.Parse(input, region).E164.ShouldBe(e164);

    [Fact]
    public void Parse_TrunkZeroAfterTheCountryCode_IsTheSameNumber() =>
        PhoneNumber.Parse("+49 0171 2345678").ShouldBe(PhoneNumber.Parse("+49 171 2345678"));

    [Theory]
    [InlineData("+52 1 55 1234 5678", "+525512345678")] // Mexico's mobile "1", retired in 2019
    [InlineData("+55 11 8765-4321", "+5511987654321")] // a Brazilian mobile from before its ninth digit
    [InlineData("+55 11 3265-4321", "+551132654321")] // a Brazilian landline keeps 8 digits
    public void Parse_ReadsRetiredNotationsAsTodaysNumber(string input, string e164) =>
        PhoneNumber.Parse(input).E164.ShouldBe(e164);

    [Theory]
    [InlineData(null, null, PhoneNumberProblem.Empty)]
    [InlineData("   ", "DE", PhoneNumberProblem.Empty)]
    [InlineData("keine Nummer", "DE", PhoneNumberProblem.NotANumber)]
    [InlineData("++--()//", "DE", PhoneNumberProblem.NotANumber)]
    [InlineData("0171 2345678", null, PhoneNumberProblem.CountryCodeMissing)]
    [InlineData("171 2345678", null, PhoneNumberProblem.CountryCodeMissing)]
    [InlineData("+999 1234567", null, PhoneNumberProblem.CountryCodeUnknown)]
    [InlineData("+49 171", null, PhoneNumberProblem.TooShort)]
    [InlineData("+1 (2) 3-4", null, PhoneNumberProblem.TooShort)]
    [InlineData("+49 171 2345678 9999999", null, PhoneNumberProblem.TooLong)]
    [InlineData("+49 171 2345678 9999999 99999999999", null, PhoneNumberProblem.TooLong)]
    [InlineData("+49 100 1234567", null, PhoneNumberProblem.NotInUse)]
    [InlineData("12345", "DE", PhoneNumberProblem.NotInUse)]
    public void TryParse_RefusesWhatIsNotAPhoneNumber_AndSaysWhy(string? input, string? region, PhoneNumberProblem expected)
    {
        PhoneNumber.TryParse(input, region, out var number, out var problem).ShouldBeFalse();

        (number, problem).ShouldBe((null, expected));
    }

    [Theory]
    [InlineData("0171 2345678", "phone.country_code_missing")]
    [InlineData("+49 171", "phone.too_short")]
    [InlineData("+49 100 1234567", "phone.not_in_use")]
    [InlineData("no number", "phone.not_a_number")]
    public void Parse_RefusesWithACodeNamingTheReason(string input, string code) =>
        Should.Throw<DomainException>(() => PhoneNumber.Parse(input)).Code.ShouldBe(code);

    [Theory]
    [InlineData("+491712345678", "0171 2345678", "+49 171 2345678")]
    [InlineData("+4930123456", "030 123456", "+49 30 123456")]
    [InlineData("+5511987654321", "(11) 98765-4321", "+55 11 98765-4321")]
    [InlineData("+5491123456789", "011 15-2345-6789", "+54 9 11 2345-6789")]
    [InlineData("+16505551234", "(650) 555-1234", "+1 650-555-1234")]
    public void Formats_NationallyAndInternationally(string e164, string national, string international)
    {
        var number = PhoneNumber.Parse(e164);

        (number.National, number.International).ShouldBe((national, international));
    }

    [Theory]
    [InlineData("DE", "0171 2345678")]
    [InlineData("de", "0171 2345678")]
    [InlineData("AT", "+49 171 2345678")]
    [InlineData(null, "+49 171 2345678")]
    public void Format_IsNationalOnlyForAViewerInTheNumbersCountry(string? viewerRegion, string shown) =>
        PhoneNumber.Parse("+491712345678").Format(viewerRegion).ShouldBe(shown);

    [Theory]
    [InlineData("+491712345678", "DE", "0171 2345678")]
    [InlineData("+5511987654321", "DE", "+55 11 98765-4321")]
    [InlineData("0171 2345678", "DE", "0171 2345678")] // typed before numbers were parsed: shown as stored
    [InlineData("12345", null, "12345")]
    [InlineData(null, "DE", null)]
    public void Display_FormatsAStoredNumber(string? stored, string? viewerRegion, string? shown) =>
        PhoneNumber.Display(stored, viewerRegion).ShouldBe(shown);

    [Theory]
    [InlineData("491712345678", "+491712345678")] // DE
    [InlineData("16505551234", "+16505551234")] // US
    [InlineData("5511987654321", "+5511987654321")] // BR, registered with the ninth digit
    [InlineData("551187654321", "+5511987654321")] // BR, registered before it: the same person
    [InlineData("551132654321", "+551132654321")] // BR landline: no ninth digit
    [InlineData("5215512345678", "+525512345678")] // MX, the wa_id form with the old mobile 1
    [InlineData("525512345678", "+525512345678")] // MX, E.164
    [InlineData("5491123456789", "+5491123456789")] // AR mobile: the 9 is part of E.164
    [InlineData("541123456789", "+541123456789")] // AR without the 9: a fixed line, not the mobile above
    [InlineData("+491712345678", "+491712345678")] // not what Meta sends, but one id written two ways is one customer
    [InlineData("0049 171 2345678", "+491712345678")]
    [InlineData("15550783881", "+15550783881")] // Meta's test numbers are not valid for libphonenumber, but Meta vouches for them
    public void FromWhatsAppId_GivesTheNumberBehindTheId(string waId, string e164) =>
        PhoneNumber.FromWhatsAppId(waId)!.E164.ShouldBe(e164);

    [Theory]
    [InlineData("5215512345678", "+52 55 1234 5678")]
    [InlineData("551187654321", "+55 11 98765 4321")]
    [InlineData("5491123456789", "011 15 2345-6789")]
    public void FromWhatsAppId_IsTheSameNumberAsTheOneTypedByAPerson(string waId, string typed) =>
        PhoneNumber.FromWhatsAppId(waId).ShouldBe(PhoneNumber.Parse(typed, waId.StartsWith("54", StringComparison.Ordinal) ? "AR" : null));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("123456")]
    [InlineData("1234567890123456")]
    [InlineData("49171abc5678")]
    [InlineData("0171 2345678")]
    public void FromWhatsAppId_RefusesWhatCannotBeAnId(string? waId) =>
        PhoneNumber.FromWhatsAppId(waId).ShouldBeNull();

    [Theory]
    [InlineData("+49 171 2345678", "491712345678")]
    [InlineData("+52 55 1234 5678", "525512345678")]
    [InlineData("+55 11 98765-4321", "5511987654321")]
    [InlineData("011 15-2345-6789", "5491123456789", "AR")]
    public void ToWhatsAppId_IsTheE164Digits(string typed, string waId, string? region = null) =>
        PhoneNumber.Parse(typed, region).ToWhatsAppId().ShouldBe(waId);
}
