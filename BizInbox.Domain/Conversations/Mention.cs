using BizInbox.Domain.Team;

namespace BizInbox.Domain.Conversations;

/// <summary>A teammate named with @ in a private note: they are told, and it stays unseen until they open the conversation.</summary>
public sealed class Mention : RecordsDomainEvents
{
    private Mention()
    {
        UserId = string.Empty;
        ByName = string.Empty;
        Excerpt = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public long Id { get; private set; }

    /// <summary>The note that mentions.</summary>
    public long MessageId { get; private set; }

    /// <summary>The conversation of the note.</summary>
    public long ConversationId { get; private set; }

    /// <summary>Who is mentioned.</summary>
    public string UserId { get; private set; }

    /// <summary>Who wrote the note, as named then.</summary>
    public string ByName { get; private set; }

    /// <summary>The start of the note.</summary>
    public string Excerpt { get; private set; }

    /// <summary>When the note was written.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the mentioned teammate opened the conversation afterwards.</summary>
    public DateTimeOffset? SeenAt { get; private set; }

    /// <summary>
    /// The mentions a note makes: every listed teammate whose name follows an @ in the text, except the author.
    /// </summary>
    public static IReadOnlyList<Mention> In(Message note, IEnumerable<TeamMember> team)
    {
        if (note.Kind != MessageKind.Note || note.SenderUserId is null)
        {
            return [];
        }

        var excerpt = note.Text.Length <= 120 ? note.Text : note.Text[..119] + "…";
        return team
            .Where(m => m.UserId != note.SenderUserId && Names(note.Text, m.Name))
            .DistinctBy(m => m.UserId)
            .Select(m =>
            {
                var mention = new Mention
                {
                    MessageId = note.Id, ConversationId = note.ConversationId, UserId = m.UserId,
                    ByName = note.SenderName ?? string.Empty, Excerpt = excerpt, CreatedAt = note.CreatedAt,
                };
                mention.Raise(new MemberMentioned(note.ConversationId, m.UserId, note.SenderUserId, mention.ByName));
                return mention;
            })
            .ToList();
    }

    /// <summary>Marks it seen; the first time counts.</summary>
    public void Seen(DateTimeOffset now) => SeenAt ??= now;

    private static bool Names(string text, string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        var needle = "@" + name;
        for (var at = text.IndexOf(needle, StringComparison.CurrentCultureIgnoreCase); at >= 0;
             at = text.IndexOf(needle, at + 1, StringComparison.CurrentCultureIgnoreCase))
        {
            var end = at + needle.Length;
            var startsWord = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var endsWord = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (startsWord && endsWord)
            {
                return true;
            }
        }

        return false;
    }
}
