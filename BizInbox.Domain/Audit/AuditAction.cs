namespace BizInbox.Domain.Audit;

/// <summary>What an audit entry records. Stored by name, so new values can be added anywhere in the list.</summary>
public enum AuditAction
{
    SignedIn,
    SignInFailed,
    SignInRefused,
    PasswordChanged,
    InvitationCreated,
    InvitationRenewed,
    InvitationRevoked,
    InvitationAccepted,
    RoleChanged,
    MemberDeactivated,
    MemberReactivated,
    MemberUnlocked,
    MemberSignedOutEverywhere,
    PasswordResetLinkCreated,
    ChannelChanged,
    WhatsAppConnected,
    WhatsAppChanged,
    ProfileChanged,
    ContactsExported,
    ContactsMerged,
    ContactMergeUndone,
    ContactExported,
    ContactErased,
    AuditLogExported,
}
