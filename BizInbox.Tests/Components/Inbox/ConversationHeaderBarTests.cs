using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;
using Bunit;
using Microsoft.AspNetCore.Components;
using BizInbox.Web.Ui;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>The conversation's header: its actions change the conversation in the database, as the signed-in agent.</summary>
public sealed class ConversationHeaderBarTests : InboxComponentTest
{
    private long _id;
    private IRenderedComponent<MudBlazor.MudPopoverProvider> _providers = default!;
    private IRenderedComponent<MudBlazor.MudDialogProvider> _dialogs = default!;

    private async Task<IRenderedComponent<ConversationHeaderBar>> OpenAsync(TeamRole role = TeamRole.Owner)
    {
        await SignInAsync(role, "Mona Manager");
        _id = await CustomerWritesAsync("Clara Kundin", "Wo bleibt meine Bestellung?");
        _dialogs = Render<MudBlazor.MudDialogProvider>();
        _providers = Render<MudBlazor.MudPopoverProvider>();
        return Render<ConversationHeaderBar>(p => p
            .Add(h => h.Header, HeaderAsync(_id).Result)
            .Add(h => h.OnAction, EventCallback.Factory.Create<Func<CurrentMember, Task>>(this, action => action(User))));
    }

    private async Task RefreshAsync(IRenderedComponent<ConversationHeaderBar> bar)
    {
        var header = await HeaderAsync(_id);
        bar.Render(p => p.Add(h => h.Header, header));
    }

    private void Choose(string item) =>
        _providers.WaitForElements(".mud-menu-item").Single(i => i.TextContent.Trim() == item).Click();

    [Fact]
    public async Task AssignToMe_AssignsTheConversation_AndThenIsNoLongerOffered()
    {
        var bar = await OpenAsync();
        bar.Find("[data-testid=assignee] button").TextContent.ShouldContain("Unassigned");

        bar.Find("[data-shortcut=assign-me]").Click();
        await RefreshAsync(bar);

        (await HeaderAsync(_id)).AssigneeId.ShouldBe(User.UserId);
        bar.FindAll("[data-shortcut=assign-me]").ShouldBeEmpty();
        bar.Find("[data-testid=assignee] button").GetAttribute("aria-label").ShouldBe("Assignee: Olga Owner");
    }

    [Fact]
    public async Task AssigneeMenu_HandsTheConversationToATeammate()
    {
        var bar = await OpenAsync(TeamRole.Owner);

        bar.Find("[data-testid=assignee] button").Click();
        Choose("Olga Owner");
        bar.WaitForAssertion(() => HeaderAsync(_id).Result.AssigneeName.ShouldBe("Olga Owner"));

        (await HeaderAsync(_id)).AssigneeName.ShouldBe("Olga Owner");
    }

    [Fact]
    public async Task Resolve_ThenReopen()
    {
        var bar = await OpenAsync();

        bar.Find("[data-shortcut=resolve]").Click();
        await RefreshAsync(bar);
        bar.Find("[data-testid=status]").TextContent.ShouldBe("Resolved");
        bar.FindAll("[data-shortcut=resolve]").ShouldBeEmpty();
        bar.FindAll("[data-testid=snooze]").ShouldBeEmpty();

        bar.FindAll("button").Single(b => b.TextContent.Trim() == "Reopen").Click();
        await RefreshAsync(bar);

        (await HeaderAsync(_id)).Status.ShouldBe(ConversationStatus.Open);
        bar.Find("[data-testid=status]").TextContent.ShouldBe("Open");
    }

    [Fact]
    public async Task PriorityMenu_SetsThePriority()
    {
        var bar = await OpenAsync();

        bar.Find("[data-testid=priority] button").Click();
        Choose("Urgent");
        bar.WaitForAssertion(() => HeaderAsync(_id).Result.Priority.ShouldBe(ConversationPriority.Urgent));
        await RefreshAsync(bar);

        (await HeaderAsync(_id)).Priority.ShouldBe(ConversationPriority.Urgent);
        bar.Find("[data-testid=priority] button").GetAttribute("aria-label").ShouldBe("Priority: Urgent");
    }

    [Fact]
    public async Task Snooze_ForOneHour_SnoozesUntilThen_AndSaysUntilWhen()
    {
        var bar = await OpenAsync();
        var now = Database.Clock.GetUtcNow();

        bar.Find("[data-testid=snooze] button").Click();
        Choose("For one hour");
        bar.WaitForAssertion(() => HeaderAsync(_id).Result.Status.ShouldBe(ConversationStatus.Snoozed));
        await RefreshAsync(bar);

        var header = await HeaderAsync(_id);
        header.Status.ShouldBe(ConversationStatus.Snoozed);
        header.SnoozedUntil.ShouldBe(now.AddHours(1));
        bar.Find("[data-testid=status]").TextContent.ShouldStartWith("Snoozed until");
    }

    [Fact]
    public async Task Snooze_UntilTheCustomerReplies_HasNoDate()
    {
        var bar = await OpenAsync();

        bar.Find("[data-testid=snooze] button").Click();
        Choose("Until the customer replies");
        bar.WaitForAssertion(() => HeaderAsync(_id).Result.Status.ShouldBe(ConversationStatus.Snoozed));

        var header = await HeaderAsync(_id);
        header.Status.ShouldBe(ConversationStatus.Snoozed);
        header.SnoozedUntil.ShouldBeNull();
    }

    [Fact]
    public async Task Snooze_PickADate_OpensADialog_AndSnoozesUntilThePickedMoment()
    {
        var bar = await OpenAsync();
        var time = Get<BusinessTime>();
        var tomorrowAtNine = time.FromLocal(time.Now.Date.AddDays(1).AddHours(9));

        bar.Find("[data-testid=snooze] button").Click();
        Choose("Pick a date…");
        _dialogs.WaitForAssertion(() => _dialogs.Markup.ShouldContain("Snooze until"));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Snooze").Click();

        bar.WaitForAssertion(() => HeaderAsync(_id).Result.SnoozedUntil.ShouldBe(tomorrowAtNine));
    }

    [Fact]
    public async Task Snooze_PickADate_Cancelled_ChangesNothing()
    {
        var bar = await OpenAsync();

        bar.Find("[data-testid=snooze] button").Click();
        Choose("Pick a date…");
        _dialogs.WaitForAssertion(() => _dialogs.Markup.ShouldContain("Snooze until"));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        _dialogs.WaitForAssertion(() => _dialogs.Markup.ShouldNotContain("Snooze until"));
        (await HeaderAsync(_id)).Status.ShouldBe(ConversationStatus.Open);
    }
}
