using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using static BizInbox.Tests.Domain.Conversations.ConversationFactory;

namespace BizInbox.Tests.Domain.Conversations;

public class ContactTests
{
    [Fact]
    public void Create_TrimsAndKeepsTheDetails()
    {
        var contact = Contact.Create("  Maria Lopez \n", " maria@example.com ", " +49 30 1234567 ", Now);

        contact.Id.ShouldNotBe(Guid.Empty);
        contact.Name.ShouldBe("Maria Lopez");
        contact.Email.ShouldBe("maria@example.com");
        contact.Phone.ShouldBe("+49301234567");
        contact.CreatedAt.ShouldBe(Now);
        contact.LastSeenAt.ShouldBe(Now);
    }

    [Fact]
    public void Create_GivesEveryContactItsOwnId() =>
        Contact.Create("A", null, null, Now).Id.ShouldNotBe(Contact.Create("A", null, null, Now).Id);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Create_WithoutAName_IsRefused(string? name) =>
        Should.Throw<DomainException>(() => Contact.Create(name!, null, null, Now)).Code.ShouldBe("contact.name_required");

    [Theory]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Create_NameMayHaveAtMost100Characters(int length, bool accepted)
    {
        var name = new string('n', length);

        if (accepted)
        {
            Contact.Create(name, null, null, Now).Name.ShouldBe(name);
        }
        else
        {
            Should.Throw<DomainException>(() => Contact.Create(name, null, null, Now)).Code.ShouldBe("contact.name_too_long");
        }
    }

    [Fact]
    public void Create_NameLengthIsMeasuredAfterTrimming() =>
        Contact.Create("  " + new string('n', 100) + "  ", null, null, Now).Name.Length.ShouldBe(100);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithoutAnEmailOrPhone_KeepsThemEmpty(string? missing)
    {
        var contact = Contact.Create("Maria", missing, missing, Now);

        contact.Email.ShouldBeNull();
        contact.Phone.ShouldBeNull();
    }

    [Theory]
    [InlineData("maria@example.com")]
    [InlineData("m.lopez+shop@mail.example.es")]
    public void Create_WithAPlausibleEmail_KeepsIt(string email) =>
        Contact.Create("Maria", email, null, Now).Email.ShouldBe(email);

    [Theory]
    [InlineData("maria")]
    [InlineData("maria@")]
    [InlineData("@example.com")]
    [InlineData("maria@example")]
    [InlineData("maria@example.")]
    [InlineData("maria lopez@example.com")]
    [InlineData("maria@@example.com")]
    public void Create_WithAnImplausibleEmail_IsRefused(string email) =>
        Should.Throw<DomainException>(() => Contact.Create("Maria", email, null, Now)).Code.ShouldBe("contact.email_invalid");

    [Theory]
    [InlineData("+49 30 1234567", null, "+49301234567")]
    [InlineData("+1 (650) 555-1234", null, "+16505551234")]
    [InlineData("030/1234567", "DE", "+49301234567")]
    [InlineData("0049-30-12 34 56", null, "+4930123456")]
    [InlineData("+49 0171 2345678", null, "+491712345678")]
    public void Create_StoresThePhoneInE164(string phone, string? region, string e164) =>
        Contact.Create("Maria", null, phone, Now, region).Phone.ShouldBe(e164);

    [Theory]
    [InlineData("030 1234567", "phone.country_code_missing")]
    [InlineData("+49 30", "phone.too_short")]
    [InlineData("+49 100 1234567", "phone.not_in_use")]
    [InlineData("++--()//", "phone.not_a_number")]
    [InlineData("+49 30 1234567 1234567 1234567 12", "phone.too_long")]
    public void Create_WithAnInvalidPhone_IsRefusedWithTheReason(string phone, string code) =>
        Should.Throw<DomainException>(() => Contact.Create("Maria", null, phone, Now)).Code.ShouldBe(code);

    [Fact]
    public void UpdateDetails_ReplacesNameEmailAndPhone()
    {
        var contact = Contact.Create("Maria", "maria@example.com", "+49 30 1234567", Now);

        contact.UpdateDetails(" Maria Lopez ", null, "+34 600 123 456");

        contact.Name.ShouldBe("Maria Lopez");
        contact.Email.ShouldBeNull();
        contact.Phone.ShouldBe("+34600123456");
    }

    [Theory]
    [InlineData("", "new@example.com", "+49 30 7654321", "contact.name_required")]
    [InlineData("New Name", "not-an-email", "+49 30 7654321", "contact.email_invalid")]
    [InlineData("New Name", "new@example.com", "12", "phone.country_code_missing")]
    public void UpdateDetails_WhenRefused_ChangesNothing(string name, string email, string phone, string code)
    {
        var contact = Contact.Create("Maria", "maria@example.com", "+49 30 1234567", Now);

        Should.Throw<DomainException>(() => contact.UpdateDetails(name, email, phone)).Code.ShouldBe(code);

        contact.Name.ShouldBe("Maria");
        contact.Email.ShouldBe("maria@example.com");
        contact.Phone.ShouldBe("+49301234567");
    }

    [Theory]
    [InlineData("5215512345678", "+525512345678")]
    [InlineData("551187654321", "+5511987654321")]
    [InlineData("5491123456789", "+5491123456789")]
    public void FromWhatsApp_KeepsTheWaIdForRepliesAndStoresTheNumberBehindIt(string waId, string e164)
    {
        var contact = Contact.FromWhatsApp(waId, "Ana", Now);

        (contact.WhatsAppId, contact.Phone, contact.Name).ShouldBe((waId, e164, "Ana"));
    }

    [Fact]
    public void FromWhatsApp_WithoutAProfileName_IsNamedByTheInternationalNumber_UntilTheProfileIsSeen()
    {
        var contact = Contact.FromWhatsApp("491712345678", null, Now);
        contact.Name.ShouldBe("+49 171 2345678");

        contact.WhatsAppProfileSeen("Jonas");

        contact.Name.ShouldBe("Jonas");
    }

    [Fact]
    public void WhatsAppIdChanged_SendsRepliesToTheNewestId()
    {
        var contact = Contact.FromWhatsApp("5215512345678", "Ana", Now);

        contact.WhatsAppIdChanged("525512345678");

        (contact.WhatsAppId, contact.Phone).ShouldBe(("525512345678", "+525512345678"));
    }

    [Fact]
    public void Seen_Later_MovesLastSeenAtForward()
    {
        var contact = Contact.Create("Maria", null, null, Now);

        contact.Seen(Now.AddHours(1));

        contact.LastSeenAt.ShouldBe(Now.AddHours(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-60 * 24)]
    public void Seen_AtAnEarlierOrTheSameInstant_NeverMovesLastSeenAtBack(int minutes)
    {
        var contact = Contact.Create("Maria", null, null, Now);
        contact.Seen(Now.AddHours(1));

        contact.Seen(Now.AddHours(1).AddMinutes(minutes));

        contact.LastSeenAt.ShouldBe(Now.AddHours(1));
    }
}
