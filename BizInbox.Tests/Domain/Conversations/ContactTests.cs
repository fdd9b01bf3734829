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
        contact.Phone.ShouldBe("+49 30 1234567");
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
    [InlineData("12345")]
    [InlineData("+49 30 1234567")]
    [InlineData("+1 (555) 123-4567")]
    [InlineData("030/123456")]
    [InlineData("0049-30-12 34 56")]
    public void Create_WithAPlausiblePhone_KeepsItAsGiven(string phone) =>
        Contact.Create("Maria", null, phone, Now).Phone.ShouldBe(phone);

    [Theory]
    [InlineData("1234")]
    [InlineData("+1 (2) 3-4")]
    [InlineData("+49 30 123456x")]
    [InlineData("030.1234567")]
    [InlineData("tel:0301234567")]
    [InlineData("#12345")]
    [InlineData("12345*")]
    [InlineData("++--()//")]
    public void Create_WithAnImplausiblePhone_IsRefused(string phone) =>
        Should.Throw<DomainException>(() => Contact.Create("Maria", null, phone, Now)).Code.ShouldBe("contact.phone_invalid");

    [Theory]
    [InlineData(32, true)]
    [InlineData(33, false)]
    public void Create_PhoneMayHaveAtMost32Characters(int length, bool accepted)
    {
        var phone = new string('1', length);

        if (accepted)
        {
            Contact.Create("Maria", null, phone, Now).Phone.ShouldBe(phone);
        }
        else
        {
            Should.Throw<DomainException>(() => Contact.Create("Maria", null, phone, Now)).Code.ShouldBe("contact.phone_invalid");
        }
    }

    [Fact]
    public void Create_PhoneLengthIsMeasuredAfterTrimming() =>
        Contact.Create("Maria", null, "   " + new string('1', 32) + "   ", Now).Phone!.Length.ShouldBe(32);

    [Fact]
    public void UpdateDetails_ReplacesNameEmailAndPhone()
    {
        var contact = Contact.Create("Maria", "maria@example.com", "12345", Now);

        contact.UpdateDetails(" Maria Lopez ", null, "+34 600 000 000");

        contact.Name.ShouldBe("Maria Lopez");
        contact.Email.ShouldBeNull();
        contact.Phone.ShouldBe("+34 600 000 000");
    }

    [Theory]
    [InlineData("", "new@example.com", "54321", "contact.name_required")]
    [InlineData("New Name", "not-an-email", "54321", "contact.email_invalid")]
    [InlineData("New Name", "new@example.com", "12", "contact.phone_invalid")]
    public void UpdateDetails_WhenRefused_ChangesNothing(string name, string email, string phone, string code)
    {
        var contact = Contact.Create("Maria", "maria@example.com", "12345", Now);

        Should.Throw<DomainException>(() => contact.UpdateDetails(name, email, phone)).Code.ShouldBe(code);

        contact.Name.ShouldBe("Maria");
        contact.Email.ShouldBe("maria@example.com");
        contact.Phone.ShouldBe("12345");
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
