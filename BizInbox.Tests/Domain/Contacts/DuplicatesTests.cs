using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;

namespace BizInbox.Tests.Domain.Contacts;

public sealed class DuplicatesTests
{
    private static DuplicateCandidate C(string name, string? email = null, string? phone = null, string? company = null) =>
        new(Guid.NewGuid(), name, email, phone, company);

    [Theory]
    [InlineData("Jörg Müller", "Joerg Mueller", true)]
    [InlineData("Katharina Weber", "Katarina Weber", true)]
    [InlineData("anna  schmidt", "Anna Schmidt", true)]
    [InlineData("Karl Weber", "Katharina Weber", false)]
    [InlineData("Ben", "Ken", true)]
    [InlineData("Ben", "Bob", false)]
    public void SimilarNames_ForgiveCaseAccentsSpacingAndAFewTypos(string a, string b, bool similar) =>
        Duplicates.SimilarNames(a, b).ShouldBe(similar);

    [Fact]
    public void ReasonFor_PrefersPhoneOverEmailOverName_AndNeedsACompanyForNames()
    {
        Duplicates.ReasonFor(C("A", "x@example.com", "+491712345678"), C("B", "X@example.com", "+491712345678")).ShouldBe(DuplicateReason.SamePhone);
        Duplicates.ReasonFor(C("A", "x@example.com"), C("B", " X@Example.com")).ShouldBe(DuplicateReason.SameEmail);
        Duplicates.ReasonFor(C("Anna Weber", company: "Olga"), C("Anna Webber", company: "olga")).ShouldBe(DuplicateReason.SimilarNameSameCompany);
        Duplicates.ReasonFor(C("Anna Weber"), C("Anna Weber")).ShouldBeNull();
    }

    [Fact]
    public void Absorb_KeepsAnOptOut_EvenWhenTheSurvivorConsentedLater()
    {
        var me = new TeamMember("u1", "Olga");
        var now = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var survivor = Contact.Create("Anna", null, "+491712345678", now);
        var loser = Contact.Create("Anna S.", "anna@example.com", null, now);
        loser.GrantConsent(me, ConsentSource.Written, now, now);
        loser.WithdrawConsent(me, now.AddDays(1));
        survivor.GrantConsent(me, ConsentSource.Chat, now.AddDays(2), now.AddDays(2));

        survivor.Absorb(loser, new MergeChoices(), me, now.AddDays(3));

        (survivor.HasConsent, survivor.ConsentWithdrawnAt, survivor.Email).ShouldBe((false, now.AddDays(1), "anna@example.com"));
    }
}
