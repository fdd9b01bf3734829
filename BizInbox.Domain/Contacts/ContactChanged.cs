using BizInbox.Domain.Team;

namespace BizInbox.Domain.Contacts;

/// <summary>A contact's standing, labels, attributes or record changed (or it was merged or erased).</summary>
public sealed record ContactChanged(Guid ContactId, TeamMember Actor) : DomainEvent;
