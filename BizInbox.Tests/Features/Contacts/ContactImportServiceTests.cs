using BizInbox.Web.Identity;
using System.Text;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Features.Contacts;
using BizInbox.Web.Features.Contacts.Export;
using BizInbox.Web.Features.Contacts.Import;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Features.Contacts;

public abstract class ContactImportServiceTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    static ContactImportServiceTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private ContactImportService Import => Database.Get<ContactImportService>();

    private ContactExportService Export => Database.Get<ContactExportService>();

    private async Task<Contact> ContactAsync(string name, string? email = null, string? phone = null)
    {
        var contact = Contact.Create(name, email, phone, Day1);
        await using var db = Database.CreateDbContext();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    private async Task<List<Contact>> ContactsAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Contacts.AsNoTracking().OrderBy(c => c.SearchName).ToListAsync();
    }

    private static CsvTable Csv(string text, Encoding? encoding = null) => ContactCsvFile.Read((encoding ?? Encoding.UTF8).GetBytes(text));

    private static ContactColumn[] Guess(CsvTable table) => ContactColumns.Guess(table.Headers);

    [Fact]
    public async Task Import_FileWithBadRows_ImportsNothing_AndNamesEveryBadRowAndItsProblem()
    {
        var owner = await SetupOwnerAsync();
        await ContactAsync("Anna Müller", phone: "+491712345678");
        var file = Csv("Name,Phone,Email\nBen Becker,0151 23456789,ben@example.com\nClara Kundin,12,clara@example.com\n"
            + "Dora Dorn,,dora@example.com\nEmil Ernst,,emil(at)example.com\n,030 1234567,\n");

        var plan = await Import.PlanAsync(As(owner), file, Guess(file));
        var result = await Import.ImportAsync(As(owner), file, Guess(file));

        plan.Errors.ShouldBe([new(3, ImportProblem.PhoneInvalid), new(5, ImportProblem.EmailInvalid), new(6, ImportProblem.NameMissing)]);
        result.Plan.Errors.ShouldBe(plan.Errors);
        result.Created.ShouldBe(0);
        (await ContactsAsync()).Select(c => c.Name).ShouldBe(["Anna Müller"]);
    }

    [Fact]
    public async Task Import_RowWithAKnownNumberOrEmail_FillsThatContact_AndTheOthersAreCreated()
    {
        var owner = await SetupOwnerAsync();
        var anna = await ContactAsync("Anna Müller", phone: "+491712345678");
        var ben = await ContactAsync("Ben Becker", email: "ben@example.com");
        // What German Excel saves: Windows-1252, semicolons, national numbers.
        var file = Csv("Vorname;Nachname;Telefon;E-Mail;Firma;Sprache\r\nAnna;Müller;0171 2345678;;Bäckerei;de\r\n;;;BEN@example.com;Ben GmbH;\r\n"
            + "Clara;Kundin;+43 660 1234567;clara@example.com;;en\r\n", Encoding.GetEncoding(1252));

        var plan = await Import.PlanAsync(As(owner), file, Guess(file));
        plan.IsValid.ShouldBeTrue();
        plan.Rows.Select(r => r.Updates?.Name).ShouldBe(["Anna Müller", "Ben Becker", null]);
        var result = await Import.ImportAsync(As(owner), file, Guess(file));

        (result.Created, result.Updated).ShouldBe((1, 2));
        var contacts = await ContactsAsync();
        contacts.Select(c => (c.Name, c.Phone, c.Email, c.Company, c.Language)).ShouldBe([
            ("Anna Müller", "+491712345678", null, "Bäckerei", "de"),
            ("Ben Becker", null, "ben@example.com", "Ben GmbH", null),
            ("Clara Kundin", "+436601234567", "clara@example.com", null, "en"),
        ]);
        contacts.Select(c => c.Id).Take(2).ShouldBe([anna.Id, ben.Id]);
    }

    [Fact]
    public async Task Import_TheSameCustomerTwiceInTheFile_IsAnErrorNamingBothRows()
    {
        var owner = await SetupOwnerAsync();
        var file = Csv("Name,Mobil\nAnna,+49 171 2345678\nBen,0151 23456789\nAnna M.,0171/2345678\n");

        var result = await Import.ImportAsync(As(owner), file, Guess(file));

        result.Plan.Errors.ShouldBe([new(4, ImportProblem.SameAsRow, 2)]);
        (await ContactsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_ReportsProgressPerChunk_AndWritesEveryRow()
    {
        var owner = await SetupOwnerAsync();
        var rows = Enumerable.Range(0, ContactImportService.ChunkSize + 10).Select(n => $"Kunde {n},kunde{n}@example.com");
        var file = Csv("Name,Email\n" + string.Join('\n', rows));
        var reports = new List<ContactImportProgress>();

        var result = await Import.ImportAsync(As(owner), file, Guess(file), reports.Add);

        result.Created.ShouldBe(ContactImportService.ChunkSize + 10);
        reports.Select(r => r.Written).ShouldBe([ContactImportService.ChunkSize, ContactImportService.ChunkSize + 10]);
        (await ContactsAsync()).Count.ShouldBe(ContactImportService.ChunkSize + 10);
    }

    [Fact]
    public async Task Export_WritesEveryContactTheFilterMatches_WithFormulaCellsNeutralised_AndImportsBackUnchanged()
    {
        var owner = await SetupOwnerAsync();
        await ContactAsync("=HYPERLINK(\"https://evil.example\")", phone: "+491712345678");
        await ContactAsync("-Minus Kunde", email: "minus@example.com");
        await ContactAsync("Anna Müller", phone: "+4930123456", email: "anna@example.com");
        await ContactAsync("Ben Becker");

        using var all = new MemoryStream();
        (await Export.WriteAsync(As(owner), new ContactQuery(Sort: ContactSort.Name, Descending: false), all)).ShouldBe(4);
        using var filtered = new MemoryStream();
        (await Export.WriteAsync(As(owner), new ContactQuery("kunde"), filtered)).ShouldBe(1);

        var text = Encoding.UTF8.GetString(all.ToArray());
        text.ShouldStartWith("\uFEFFName,Phone,Email,Company,Language,Created,Last activity\r\n");
        var table = ContactCsvFile.Read(all.ToArray());
        table.Rows.Select(r => (r.Field(0), r.Field(1))).ShouldBe([
            ("'-Minus Kunde", ""),
            ("'=HYPERLINK(\"https://evil.example\")", "'+491712345678"),
            ("Anna Müller", "'+4930123456"),
            ("Ben Becker", ""),
        ]);
        ContactCsvFile.Read(filtered.ToArray()).Rows.Single().Field(0).ShouldBe("'-Minus Kunde");

        var mapping = Guess(table);
        mapping.ShouldBe([ContactColumn.Name, ContactColumn.Phone, ContactColumn.Email, ContactColumn.Company, ContactColumn.Language, ContactColumn.Ignore, ContactColumn.Ignore]);
        var plan = await Import.PlanAsync(As(owner), table, mapping);
        plan.Errors.ShouldBeEmpty();
        plan.Rows.Select(r => r.Updates is null).ShouldBe([false, false, false, true], "a contact without phone and email cannot be recognised");
        plan.Rows[1].Name.ShouldBe("=HYPERLINK(\"https://evil.example\")");
    }

    [Fact]
    public async Task ImportAndExport_AreForOwnersAndManagersOnly()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "mia@example.com", "Mia Manager");
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Agent");
        var stranger = Database.Member(new System.Security.Claims.ClaimsPrincipal());
        var file = Csv("Name\nAnna\n");

        await ShouldFailWithAsync("contact.transfer_not_allowed", () => Import.PlanAsync(As(agent), file, Guess(file)));
        await ShouldFailWithAsync("contact.transfer_not_allowed", () => Import.ImportAsync(As(agent), file, Guess(file)));
        await ShouldFailWithAsync("contact.transfer_not_allowed", () => Export.WriteAsync(As(agent), new ContactQuery(), Stream.Null));
        await ShouldFailWithAsync("team.not_allowed", () => Import.ImportAsync(stranger, file, Guess(file)));
        await ShouldFailWithAsync("team.not_allowed", () => Export.WriteAsync(stranger, new ContactQuery(), Stream.Null));
        (await ContactsAsync()).ShouldBeEmpty();

        (await Import.ImportAsync(As(manager), file, Guess(file))).Created.ShouldBe(1);
        (await Export.WriteAsync(As(manager), new ContactQuery(), Stream.Null)).ShouldBe(1);
    }
}

public sealed class SqliteContactImportServiceTests() : ContactImportServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresContactImportServiceTests(PostgresServer postgres) : ContactImportServiceTests(DatabaseProvider.Postgres, postgres);
