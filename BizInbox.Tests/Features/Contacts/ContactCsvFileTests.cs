using System.Text;
using BizInbox.Domain;
using BizInbox.Web.Features.Contacts.Import;

namespace BizInbox.Tests.Features.Contacts;

public sealed class ContactCsvFileTests
{
    static ContactCsvFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-8")]
    [InlineData("windows-1252")]
    public void Read_DecodesUmlautsInEveryEncodingSpreadsheetsWrite(string encoding)
    {
        var text = "Name;Firma\r\nJürgen Müller;Straße & Söhne €\r\n";
        var bytes = encoding switch
        {
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf-8" => Encoding.UTF8.GetBytes(text),
            _ => Encoding.GetEncoding(1252).GetBytes(text),
        };

        var table = ContactCsvFile.Read(bytes);

        table.Headers.ShouldBe(["Name", "Firma"]);
        table.Rows.Single().Fields.ShouldBe(["Jürgen Müller", "Straße & Söhne €"]);
        table.Separator.ShouldBe(';');
    }

    [Fact]
    public void Read_DetectsCommas_KeepsQuotedSeparators_SkipsEmptiedRows_AndNumbersRowsAsASpreadsheet()
    {
        var table = ContactCsvFile.Read(Encoding.UTF8.GetBytes("Name,Company\n\"Müller, Anna\",\"A; B\"\n,\nBen,\n"));

        table.Separator.ShouldBe(',');
        table.Rows.Select(r => (r.Number, r.Field(0), r.Field(1))).ShouldBe([(2, "Müller, Anna", "A; B"), (4, "Ben", "")]);
    }

    [Theory]
    [InlineData("Name\n")]
    [InlineData("")]
    public void Read_FileWithoutRows_IsRefused(string text) =>
        Should.Throw<DomainException>(() => ContactCsvFile.Read(Encoding.UTF8.GetBytes(text))).Code.ShouldBe("contact_import.empty");

    [Fact]
    public void Read_FileOverTheLimit_IsRefused() =>
        Should.Throw<DomainException>(() => ContactCsvFile.Read(new byte[ContactCsvFile.MaxBytes + 1])).Code.ShouldBe("contact_import.too_large");

    [Fact]
    public void Guess_ReadsEnglishAndGermanHeaders_AndClaimsEachFieldOnce()
    {
        ContactColumns.Guess(["Vorname", "Nachname", "Mobil", "E-Mail", "Firma", "Sprache", "Telefon", "Notiz"]).ShouldBe([
            ContactColumn.FirstName, ContactColumn.LastName, ContactColumn.Phone, ContactColumn.Email, ContactColumn.Company,
            ContactColumn.Language, ContactColumn.Ignore, ContactColumn.Ignore,
        ]);
        ContactColumns.Guess(["Full name", "Phone number", "Email address", "Company"]).ShouldBe([
            ContactColumn.Name, ContactColumn.Phone, ContactColumn.Email, ContactColumn.Company,
        ]);
    }
}
