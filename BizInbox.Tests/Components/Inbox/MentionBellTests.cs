using BizInbox.Web.Identity;
using BizInbox.Domain.Team;
using BizInbox.Web.Components.Layout;
using BizInbox.Web.Features.Inbox;
using Bunit;
using BizInbox.Web.Ui;

namespace BizInbox.Tests.Components.Inbox;

public sealed class MentionBellTests : InboxComponentTest
{
    [Fact]
    public async Task WithoutMentions_ShowsNoCount_AndSaysSoWhenOpened()
    {
        await SignInAsync();
        var providers = RenderProviders();
        var bell = Render<MentionBell>();

        bell.FindAll("[data-testid=mention-count]").ShouldBeEmpty();
        bell.Find(".bi-bell-button").Click();

        providers.WaitForAssertion(() => providers.Markup.ShouldContain("No new mentions."));
    }

    [Fact]
    public async Task AMentionBeforeOpening_IsCounted_AndListedAsALinkToTheConversation()
    {
        var owner = await SignInAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var id = await CustomerWritesAsync("Emil Erwähnt", "Garantie?");
        await Get<ConversationService>().AddNoteAsync(As(anna), id, "@Olga Owner schau bitte", Guid.NewGuid().ToString("N"));
        var providers = RenderProviders();

        var bell = Render<MentionBell>();
        bell.WaitForAssertion(() => bell.Find("[data-testid=mention-count]").TextContent.ShouldBe("1"));
        bell.Find(".bi-bell-button").Click();

        providers.WaitForAssertion(() =>
        {
            var item = providers.Find($"a[href='inbox/{id}']");
            item.TextContent.ShouldContain($"Anna Agent mentioned you in #{id}");
            item.TextContent.ShouldContain("schau bitte");
        });
    }
}
