namespace BizInbox.Web.Channels;

/// <summary>The business's name in use, and whether WhatsApp vouches for it (an Official Business Account on a connected number).</summary>
public sealed record BusinessIdentity(string Name, bool Verified);

/// <summary>Where a channel learns the business's name and badge (the profile feature keeps them).</summary>
public interface IBusinessIdentitySource
{
    Task<BusinessIdentity> IdentityAsync(CancellationToken ct = default);
}

/// <summary>
/// Answers customer messages just stored by a channel with the greeting or away message they earn (the automatic-message
/// feature decides); called after the commit, it never fails the channel's intake.
/// </summary>
public interface IAutomaticAnswers
{
    Task AnswerAsync(IReadOnlyCollection<long> customerMessageIds, CancellationToken ct = default);
}

/// <summary>
/// Follows Meta's decision on the business's display name (the <c>phone_number_name_update</c> webhook); the profile
/// feature keeps the name. False when the decision settles nothing.
/// </summary>
public interface IWhatsAppNameDecisions
{
    Task<bool> ApplyNameDecisionAsync(WhatsApp.WhatsAppNameUpdate update, IReadOnlyCollection<int> signedInboxIds, CancellationToken ct = default);
}
