using BizInbox.Domain.CannedReplies;

namespace BizInbox.Tests.Domain.CannedReplies;

public class ReplyVariablesTests
{
    private static readonly ReplyContext Everything = new("Anna Schmidt", "Ben Agent", "Bäckerei Müller");

    [Theory]
    [InlineData("Hi {{contact.first_name}}!", "Hi Anna!")]
    [InlineData("Dear {{contact.name}}", "Dear Anna Schmidt")]
    [InlineData("{{agent.name}} from {{business.name}}", "Ben Agent from Bäckerei Müller")]
    [InlineData("Hi {{ contact.first_name }}, {{CONTACT.First_Name}}", "Hi Anna, Anna")]
    [InlineData("No variables here.", "No variables here.")]
    [InlineData("Single {braces} and {{ are text", "Single {braces} and {{ are text")]
    public void Fill_ReplacesKnownVariables_IgnoringSpacesAndCase(string text, string expected)
    {
        var filled = ReplyVariables.Fill(text, Everything);

        filled.Text.ShouldBe(expected);
        filled.IsComplete.ShouldBeTrue();
    }

    [Fact]
    public void Fill_LeavesAnUnknownVariableAsWritten_AndReportsIt()
    {
        var filled = ReplyVariables.Fill("Hi {{ Contact.Frist_Name }}, order {{order.id}}", Everything);

        filled.Text.ShouldBe("Hi {{ Contact.Frist_Name }}, order {{order.id}}");
        filled.Unfilled.ShouldBe([
            new UnfilledVariable("{{ Contact.Frist_Name }}", "contact.frist_name", UnfilledReason.Unknown),
            new UnfilledVariable("{{order.id}}", "order.id", UnfilledReason.Unknown),
        ]);
    }

    [Fact]
    public void Fill_LeavesAVariableWithoutValueVisible_AndReportsItEmpty()
    {
        var filled = ReplyVariables.Fill("Hi {{contact.first_name}}, this is {{agent.name}} of {{business.name}}.", new ReplyContext(null, "Ben", "  "));

        filled.Text.ShouldBe("Hi {{contact.first_name}}, this is Ben of {{business.name}}.");
        filled.Unfilled.Select(u => (u.Name, u.Reason)).ShouldBe([
            ("contact.first_name", UnfilledReason.Empty),
            ("business.name", UnfilledReason.Empty),
        ]);
        filled.IsComplete.ShouldBeFalse();
    }

    [Fact]
    public void Fill_ReportsEveryOccurrence_SoTheUiCanMarkEachOne()
    {
        var filled = ReplyVariables.Fill("{{x}} and {{x}}", Everything);

        filled.Unfilled.Count.ShouldBe(2);
    }

    [Fact]
    public void Fill_ReportsBlankBraces_AsUnknown()
    {
        var filled = ReplyVariables.Fill("Hi {{ }}", Everything);

        filled.Text.ShouldBe("Hi {{ }}");
        filled.Unfilled.Single().Reason.ShouldBe(UnfilledReason.Unknown);
    }

    [Fact]
    public void Fill_DoesNotReadVariablesInsideFilledValues()
    {
        var filled = ReplyVariables.Fill("Hi {{contact.name}}", new ReplyContext("{{agent.name}}", "Ben", "Shop"));

        filled.Text.ShouldBe("Hi {{agent.name}}");
    }

    [Theory]
    [InlineData("Anna Schmidt", "Anna")]
    [InlineData("  Anna   Maria Schmidt ", "Anna")]
    [InlineData("Dr. Anna Schmidt", "Anna")]
    [InlineData("Prof. Dr. Jürgen Weiß", "Jürgen")]
    [InlineData("Anna", "Anna")]
    [InlineData("Dr.", "Dr.")]
    [InlineData("Herr Müller", "Herr")]
    [InlineData("+49 171 2345678", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void FirstName_IsTheFirstWordThatIsNotATitle(string? name, string? expected) =>
        ReplyVariables.FirstName(name).ShouldBe(expected);

    [Fact]
    public void Fill_TreatsAPhoneNumberAsName_AsNoName()
    {
        var filled = ReplyVariables.Fill("Hi {{contact.name}}", new ReplyContext("+49 171 2345678", "Ben", "Shop"));

        filled.Text.ShouldBe("Hi {{contact.name}}");
        filled.Unfilled.Single().Reason.ShouldBe(UnfilledReason.Empty);
    }
}
