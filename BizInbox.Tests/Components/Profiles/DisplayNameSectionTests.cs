using BizInbox.Domain.Profiles;
using BizInbox.Web.Features.Profiles;
using Bunit;

namespace BizInbox.Tests.Components.Profiles;

public sealed class DisplayNameSectionTests : ComponentTest
{
    private static ProfileEditorState Declined(string? reason) => new(
        "Schmidt", new BusinessSettings("Europe/Berlin", "DE", "de"), new ProfileFields("schmidt", "", "", "", "", "", []), false,
        DateTimeOffset.UnixEpoch, "Best Bread", NameReviewStatus.Declined, reason, "+49 40 1234567");

    [Theory]
    [InlineData("NAME_FORMAT_UNACCEPTABLE", "The name's format is not accepted")]
    [InlineData("NAME_NOT_CONSISTENT", "does not match the business's branding")]
    [InlineData("SOME_NEW_REASON", "SOME_NEW_REASON")]
    public async Task Declined_ShowsMetasReasonInOurWords_OrRawWhenUnknown(string reason, string shown)
    {
        await SignInAsync();

        var section = Render<DisplayNameSection>(p => p.Add(s => s.State, Declined(reason)).Add(s => s.User, User));

        section.Find("[data-testid=name-declined]").TextContent.ShouldContain("Customers keep seeing the name in use.");
        var text = section.Find("[data-testid=decline-reason]");
        text.TextContent.ShouldContain(shown);
        text.GetAttribute("title").ShouldBe(reason);
        section.Find("[data-testid=approved-name]").TextContent.ShouldBe("Schmidt");
    }

    [Fact]
    public async Task Declined_WithoutAReason_SaysSoWithoutAnEmptyReason()
    {
        await SignInAsync();

        var section = Render<DisplayNameSection>(p => p.Add(s => s.State, Declined(null)).Add(s => s.User, User));

        section.Find("[data-testid=name-declined]").TextContent.ShouldContain("WhatsApp declined the new name.");
        section.FindAll("[data-testid=decline-reason]").ShouldBeEmpty();
    }
}
