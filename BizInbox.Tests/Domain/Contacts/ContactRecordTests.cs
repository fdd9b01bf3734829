using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;

namespace BizInbox.Tests.Domain.Contacts;

public class ContactRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static Contact Anna() => Contact.Create("Anna Schmidt", "anna@example.com", "+49 171 2345678", Now);

    [Fact]
    public void UpdateRecord_KeepsCompanyAndLanguage_Trimmed()
    {
        var contact = Anna();

        contact.UpdateRecord("Anna Schmidt", "anna@example.com", "+491712345678", "  Bäckerei Schmidt GmbH ", "de");

        contact.Company.ShouldBe("Bäckerei Schmidt GmbH");
        contact.Language.ShouldBe("de");
    }

    [Theory]
    [InlineData("pt-br", "pt-BR")]
    [InlineData("EN", "en")]
    [InlineData("de-DE", "de-DE")]
    [InlineData(" fr ", "fr")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void LanguageTag_WritesKnownLanguagesInTheirUsualSpelling(string? input, string? expected) =>
        Contact.LanguageTag(input).ShouldBe(expected);

    [Theory]
    [InlineData("klingon-xx")]
    [InlineData("not a language")]
    [InlineData("de_DE!")]
    public void LanguageTag_RefusesWhatNoCultureIsNamed(string input) =>
        Should.Throw<DomainException>(() => Contact.LanguageTag(input)).Code.ShouldBe("contact.language_invalid");

    public static TheoryData<string, string?, string?, string?, string?, string> Refusals => new()
    {
        { "  ", "changed@example.com", "+4930123456", "New GmbH", "en", "contact.name_required" },
        { "Changed", "not-an-email", "+4930123456", "New GmbH", "en", "contact.email_invalid" },
        { "Changed", "changed@example.com", "0171 2345678", "New GmbH", "en", "phone.country_code_missing" },
        { "Changed", "changed@example.com", "+4930123456", new string('x', Contact.MaxCompanyLength + 1), "en", "contact.company_too_long" },
        { "Changed", "changed@example.com", "+4930123456", "New GmbH", "xx-invalid-language", "contact.language_invalid" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void UpdateRecord_WhenAFieldIsRefused_ChangesNothing(string name, string? email, string? phone, string? company, string? language, string code)
    {
        var contact = Anna();
        contact.UpdateRecord("Anna Schmidt", "anna@example.com", "+491712345678", "Old GmbH", "de");

        var ex = Should.Throw<DomainException>(() => contact.UpdateRecord(name, email, phone, company, language));

        ex.Code.ShouldBe(code);
        (contact.Name, contact.Email, contact.Phone, contact.Company, contact.Language)
            .ShouldBe(("Anna Schmidt", "anna@example.com", "+491712345678", "Old GmbH", "de"));
    }

    [Fact]
    public void SearchName_FollowsTheName_InLowerCaseBeyondAscii()
    {
        var contact = Contact.Create("ÖLGA Müller", null, null, Now);
        contact.SearchName.ShouldBe("ölga müller");

        contact.UpdateRecord("Zoë", null, null, null, null);
        contact.SearchName.ShouldBe("zoë");

        var whatsApp = Contact.FromWhatsApp("4917612345678", null, Now);
        whatsApp.WhatsAppProfileSeen("Jonas JANSEN");
        whatsApp.SearchName.ShouldBe("jonas jansen");
    }

    [Fact]
    public void Note_IsTrimmedAndStamped()
    {
        var contactId = Guid.NewGuid();

        var note = ContactNote.Write(contactId, "user-1", "  Prefers calls after 5 pm.  ", Now);

        (note.ContactId, note.AuthorId, note.Text, note.CreatedAt).ShouldBe((contactId, "user-1", "Prefers calls after 5 pm.", Now));
    }

    [Theory]
    [InlineData("   ", "contact.note_required")]
    [InlineData(null, "contact.note_required")]
    public void Note_MustSaySomething(string? text, string code) =>
        Should.Throw<DomainException>(() => ContactNote.Write(Guid.NewGuid(), "user-1", text!, Now)).Code.ShouldBe(code);

    [Fact]
    public void Note_HasALimit() =>
        Should.Throw<DomainException>(() => ContactNote.Write(Guid.NewGuid(), "user-1", new string('a', ContactNote.MaxTextLength + 1), Now))
            .Code.ShouldBe("contact.note_too_long");

    [Theory]
    [InlineData("author", TeamRole.Agent, true)]
    [InlineData("someone-else", TeamRole.Agent, false)]
    [InlineData("someone-else", TeamRole.Manager, true)]
    [InlineData("someone-else", TeamRole.Owner, true)]
    public void Note_IsDeletedByItsAuthorOrAManager(string memberId, TeamRole role, bool allowed)
    {
        var note = ContactNote.Write(Guid.NewGuid(), "author", "Call back", Now);

        note.CanBeDeletedBy(memberId, role).ShouldBe(allowed);
        if (allowed)
        {
            Should.NotThrow(() => note.EnsureCanBeDeletedBy(memberId, role));
        }
        else
        {
            Should.Throw<DomainException>(() => note.EnsureCanBeDeletedBy(memberId, role)).Code.ShouldBe("contact.note_not_yours");
        }
    }
}
