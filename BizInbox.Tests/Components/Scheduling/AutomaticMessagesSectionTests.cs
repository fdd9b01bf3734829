using AngleSharp.Dom;
using BizInbox.Domain;
using BizInbox.Domain.Team;
using BizInbox.Web.Features.Scheduling;
using Bunit;

namespace BizInbox.Tests.Components.Scheduling;

public sealed class AutomaticMessagesSectionTests : ComponentTest
{
    private IRenderedComponent<AutomaticMessagesSection> RenderSection()
    {
        var section = Render<AutomaticMessagesSection>(p => p.Add(s => s.User, User));
        section.WaitForElement("form[aria-label='Automatic messages']");
        return section;
    }

    private static IElement Field(IRenderedComponent<AutomaticMessagesSection> section, string testId) =>
        section.Find($"[data-testid={testId}]").QuerySelector("input, textarea") ?? section.Find($"[data-testid={testId}]");

    private static IElement FieldBox(IRenderedComponent<AutomaticMessagesSection> section, string testId) =>
        section.Find($"[data-testid={testId}]").Closest(".mud-input-control")!;

    private static void Save(IRenderedComponent<AutomaticMessagesSection> section) => section.Find("form[aria-label='Automatic messages']").Submit();

    private Task<AutomaticMessageSettings> SavedAsync() => Get<AutomaticMessageService>().GetAsync(User);

    [Fact]
    public async Task AnAwayMessageSwitchedOnWithoutText_IsRefusedUnderItsField_AndTheTypedGreetingStays()
    {
        await SignInAsync(TeamRole.Manager, "Max Manager");
        var section = RenderSection();

        Field(section, "greeting-enabled").Change(true);
        Field(section, "greeting-text").Change("Hallo! Wir melden uns gleich.");
        Field(section, "away-enabled").Change(true);
        Save(section);

        section.WaitForAssertion(() => FieldBox(section, "away-text").TextContent.ShouldContain("Enter the away message's text, or turn it off."));
        Field(section, "greeting-text").GetAttribute("value").ShouldBe("Hallo! Wir melden uns gleich.");
        FieldBox(section, "greeting-text").QuerySelector(".mud-input-error").ShouldBeNull();
        (await SavedAsync()).GreetingEnabled.ShouldBeFalse();
    }

    [Fact]
    public async Task AnUnreadableSilence_IsRefusedNextToIt_AndStaysAsTyped()
    {
        await SignInAsync();
        var section = RenderSection();

        Field(section, "greeting-again").Change("two days");
        Save(section);

        section.WaitForAssertion(() => FieldBox(section, "greeting-again").TextContent.ShouldContain("Enter a whole number of hours from 1 to 2160, or leave it empty."));
        Field(section, "greeting-again").GetAttribute("value").ShouldBe("two days");
    }

    [Fact]
    public async Task Save_StoresBothMessages_AndTheyAreShownAgain()
    {
        await SignInAsync();
        var section = RenderSection();

        Field(section, "greeting-enabled").Change(true);
        Field(section, "greeting-text").Change("Hello! We will be right with you.");
        Field(section, "greeting-again").Change("48");
        Field(section, "away-enabled").Change(true);
        Field(section, "away-text").Change("We are closed. We open {{next_opening}}.");
        Save(section);

        // The save runs after the submit returns: wait until the database has it.
        section.WaitForAssertion(() => SavedAsync().GetAwaiter().GetResult().AwayEnabled.ShouldBeTrue());
        (await SavedAsync()).ShouldBe(
            new AutomaticMessageSettings(true, "Hello! We will be right with you.", 48, true, "We are closed. We open {{next_opening}}."));
        var again = RenderSection();
        Field(again, "away-text").GetAttribute("value").ShouldBe("We are closed. We open {{next_opening}}.");
        Field(again, "greeting-again").GetAttribute("value").ShouldBe("48");
    }

    [Fact]
    public async Task AnAgent_CannotReadTheSettings()
    {
        await SignInAsync(TeamRole.Agent, "Ben Agent");

        var ex = Should.Throw<DomainException>(() => Render<AutomaticMessagesSection>(p => p.Add(s => s.User, User))
            .WaitForElement("form[aria-label='Automatic messages']"));

        ex.Code.ShouldBe("team.not_allowed");
    }
}
