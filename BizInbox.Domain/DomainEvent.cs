namespace BizInbox.Domain;

/// <summary>Something that happened to an aggregate, in the past tense; published once the change is committed.</summary>
public abstract record DomainEvent;

/// <summary>An entity that records what happened to it, for the unit of work to publish after the commit.</summary>
public interface IHasDomainEvents
{
    IReadOnlyList<DomainEvent> DomainEvents { get; }

    void ClearDomainEvents();
}

/// <summary>The base of entities that record events; the list is not part of the stored model.</summary>
public abstract class RecordsDomainEvents : IHasDomainEvents
{
    private readonly List<DomainEvent> _recorded = [];

    public IReadOnlyList<DomainEvent> DomainEvents => _recorded;

    public void ClearDomainEvents() => _recorded.Clear();

    protected void Raise(DomainEvent domainEvent) => _recorded.Add(domainEvent);
}
