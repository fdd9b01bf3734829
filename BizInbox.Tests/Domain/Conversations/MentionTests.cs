using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using static BizInbox.Tests.Domain.Conversations.ConversationFactory;

namespace BizInbox.Tests.Domain.Conversations;

public class MentionTests
{
    private static readonly TeamMember Ben = new("ben", "Ben Berger");
    private static readonly TeamMember Cem = new("cem", "Cem");

    private static Message Note(string text) => Stored(7).AddNote(Anna, text, "note-1", Now);

    [Theory]
    [InlineData("@Ben Berger bitte übernehmen", new[] { "ben" })]
    [InlineData("Frage an @ben berger und @Cem.", new[] { "ben", "cem" })]
    [InlineData("@Cem @Cem zweimal", new[] { "cem" })]
    [InlineData("mail an cem@example.com", new string[0])]
    [InlineData("@Cemal ist jemand anderes", new string[0])]
    [InlineData("ohne Erwähnung", new string[0])]
    public void In_FindsTeammatesNamedWithAnAt(string text, string[] expected) =>
        Mention.In(Note(text), [Anna, Ben, Cem]).Select(m => m.UserId).ShouldBe(expected, ignoreOrder: true);

    [Fact]
    public void In_NeverMentionsTheAuthor() =>
        Mention.In(Note($"Notiz für mich, @{Anna.Name}"), [Anna, Ben]).ShouldBeEmpty();

    [Fact]
    public void In_OnlyNotesMention()
    {
        var reply = Stored(7).Reply(Anna, "@Cem schau mal", "reply-1", Now);

        Mention.In(reply, [Cem]).ShouldBeEmpty();
    }

    [Fact]
    public void Seen_KeepsTheFirstTime()
    {
        var mention = Mention.In(Note("@Cem"), [Cem]).Single();
        mention.Seen(Now);
        mention.Seen(Now.AddHours(1));

        mention.SeenAt.ShouldBe(Now);
        mention.ConversationId.ShouldBe(7);
        mention.ByName.ShouldBe(Anna.Name);
    }
}
