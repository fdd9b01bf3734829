using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Tests.Domain.Conversations;
using BizInbox.Domain.Team;

namespace BizInbox.Tests.Domain.Contacts;

public class ContactStandingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly TeamMember Anna = new("u-anna", "Anna");

    private static Contact Customer() => Contact.Create("Jonas Jansen", null, null, Now.AddDays(-10));

    [Fact]
    public void AddLabel_AttachesItOnce_WithOneEntryNamingActorAndLabel()
    {
        var contact = Customer();
        var vip = ConversationFactory.StoredLabel(7, "VIP");

        var first = contact.AddLabel(Anna, vip, Now);
        var again = contact.AddLabel(Anna, vip, Now);

        contact.Labels.ShouldHaveSingleItem().ShouldBe(new ContactLabel(contact.Id, vip.Id));
        var entry = first.ShouldHaveSingleItem();
        (entry.Kind, entry.ActorName, entry.ActorId, entry.Target, entry.CreatedAt, entry.ContactId)
            .ShouldBe((ContactActivityKind.LabelAdded, "Anna", "u-anna", "VIP", Now, contact.Id));
        again.ShouldBeEmpty();
    }

    [Fact]
    public void RemoveLabel_DetachesIt_AndAnAbsentLabelChangesNothing()
    {
        var contact = Customer();
        var vip = ConversationFactory.StoredLabel(7, "VIP");
        contact.AddLabel(Anna, vip, Now);

        contact.RemoveLabel(Anna, vip, Now).ShouldHaveSingleItem().Kind.ShouldBe(ContactActivityKind.LabelRemoved);
        contact.RemoveLabel(Anna, vip, Now).ShouldBeEmpty();
        contact.Labels.ShouldBeEmpty();
    }

    [Fact]
    public void ReportSpam_BlocksToo_AndUnblockLiftsBoth()
    {
        var contact = Customer();

        contact.ReportSpam(Anna, Now).ShouldHaveSingleItem().Kind.ShouldBe(ContactActivityKind.ReportedSpam);
        (contact.IsBlocked, contact.IsSpam, contact.BlockedAt).ShouldBe((true, true, Now));
        contact.Block(Anna, Now.AddMinutes(1)).ShouldBeEmpty();

        contact.Unblock(Anna, Now.AddMinutes(2)).ShouldHaveSingleItem().Kind.ShouldBe(ContactActivityKind.Unblocked);
        (contact.IsBlocked, contact.IsSpam, contact.BlockedAt).ShouldBe((false, false, null));
        contact.Unblock(Anna, Now.AddMinutes(3)).ShouldBeEmpty();
    }

    [Fact]
    public void Block_KeepsTheFirstInstant_AndASpamReportAfterwardsAddsOnlyTheReport()
    {
        var contact = Customer();

        contact.Block(Anna, Now).ShouldHaveSingleItem().Kind.ShouldBe(ContactActivityKind.Blocked);
        contact.ReportSpam(Anna, Now.AddHours(1)).ShouldHaveSingleItem().Kind.ShouldBe(ContactActivityKind.ReportedSpam);

        (contact.IsBlocked, contact.IsSpam, contact.BlockedAt).ShouldBe((true, true, Now));
    }

    [Fact]
    public void Consent_IsGivenWithWhenAndHow_AndWithdrawalKeepsTheRecordOfIt()
    {
        var contact = Customer();
        var signedUp = Now.AddDays(-2);

        contact.GrantConsent(Anna, ConsentSource.Form, signedUp, Now).ShouldHaveSingleItem().Target.ShouldBe("Form");
        (contact.HasConsent, contact.ConsentGivenAt, contact.ConsentSource).ShouldBe((true, signedUp, ConsentSource.Form));
        contact.GrantConsent(Anna, ConsentSource.Form, signedUp, Now).ShouldBeEmpty();

        contact.WithdrawConsent(Anna, Now.AddHours(1)).ShouldHaveSingleItem().Kind.ShouldBe(ContactActivityKind.ConsentWithdrawn);
        (contact.HasConsent, contact.ConsentWithdrawnAt, contact.ConsentGivenAt, contact.ConsentSource)
            .ShouldBe((false, Now.AddHours(1), signedUp, ConsentSource.Form));
        contact.WithdrawConsent(Anna, Now.AddHours(2)).ShouldBeEmpty();

        contact.GrantConsent(Anna, ConsentSource.Verbal, Now.AddHours(3), Now.AddHours(3)).ShouldHaveSingleItem();
        (contact.HasConsent, contact.ConsentWithdrawnAt, contact.ConsentSource).ShouldBe((true, null, ConsentSource.Verbal));
    }

    [Fact]
    public void Consent_CannotBeDatedInTheFuture_OrComeFromAnUnknownSource()
    {
        var contact = Customer();

        Should.Throw<DomainException>(() => contact.GrantConsent(Anna, ConsentSource.Chat, Now.AddMinutes(1), Now)).Code.ShouldBe("contact.consent_in_future");
        Should.Throw<DomainException>(() => contact.GrantConsent(Anna, (ConsentSource)99, Now, Now)).Code.ShouldBe("contact.consent_source_invalid");
        contact.HasConsent.ShouldBeFalse();
    }

    [Theory]
    [InlineData(ConversationStatus.Resolved)]
    [InlineData(ConversationStatus.Snoozed)]
    [InlineData(ConversationStatus.Open)]
    public void ABlockedCustomersMessage_IsOnlyKept_TheConversationStaysAsItWas(ConversationStatus status)
    {
        var conversation = ConversationFactory.InStatus(status);
        var (activity, preview) = (conversation.LastActivityAt, conversation.LastMessagePreview);

        var entries = conversation.ReceiveFromCustomer("Buy cheap followers", "wamid.1", Now, blocked: true);

        var message = entries.ShouldHaveSingleItem();
        (message.Kind, message.Text, message.ClientMessageId).ShouldBe((MessageKind.Incoming, "Buy cheap followers", "wamid.1"));
        conversation.Status.ShouldBe(status);
        conversation.LastCustomerMessageAt.ShouldBeNull(); // nothing unread
        conversation.WaitingSince.ShouldBeNull();
        (conversation.LastActivityAt, conversation.LastMessagePreview).ShouldBe((activity, preview));
    }

    [Fact]
    public void ABlockedCustomersFirstConversation_StartsResolved_WithoutAResolutionTime()
    {
        var conversation = Conversation.Start(7, Guid.NewGuid(), Now, blocked: true);

        (conversation.Status, conversation.ResolvedAt).ShouldBe((ConversationStatus.Resolved, null));
        Conversation.Start(7, Guid.NewGuid(), Now).Status.ShouldBe(ConversationStatus.Open);
    }
}
