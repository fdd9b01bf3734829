using BizInbox.Domain.Conversations;
using BizInbox.Domain.Labels;
using BizInbox.Domain.Team;

namespace BizInbox.Tests.Domain.Conversations;

/// <summary>Builds domain objects the way they look after the database stored them.</summary>
internal static class ConversationFactory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid ContactId = new("5f0c6a5e-8a0e-4c1b-9a55-0d6f3b7c2e11");
    public const int InboxId = 7;

    public static readonly TeamMember Anna = new("user-anna", "Anna Berg");
    public static readonly TeamMember Ben = new("user-ben", "Ben Otto");
    public static readonly TeamMember Cleo = new("user-cleo", "Cleo Ruiz");

    /// <summary>A conversation started at <see cref="Now"/> and stored under <paramref name="id"/>.</summary>
    public static Conversation Stored(long id = 42) => WithId(Conversation.Start(InboxId, ContactId, Now), id);

    /// <summary>A stored conversation brought into <paramref name="status"/> through its own methods (snoozed for two hours).</summary>
    public static Conversation InStatus(ConversationStatus status)
    {
        var conversation = Stored();
        _ = status switch
        {
            ConversationStatus.Open => [],
            ConversationStatus.Pending => conversation.MarkPending(Anna, Now),
            ConversationStatus.Snoozed => conversation.Snooze(Anna, Now.AddHours(2), Now),
            ConversationStatus.Resolved => conversation.Resolve(Anna, Now),
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        conversation.Status.ShouldBe(status);
        return conversation;
    }

    /// <summary>A label stored under <paramref name="id"/>.</summary>
    public static Label StoredLabel(int id, string name, string color = "#1e88e5") => WithId(Label.Create(name, color), id);

    // Ids are assigned by the database on save (private setter); reflection stands in for the store in these pure tests.
    public static T WithId<T>(T entity, object id)
        where T : class
    {
        typeof(T).GetProperty("Id")!.SetValue(entity, id);
        return entity;
    }
}
