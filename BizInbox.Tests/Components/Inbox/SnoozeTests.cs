using BizInbox.Tests.Support.Database;
using BizInbox.Web.Features.Inbox;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>The snooze choices are moments in the business's time zone (Europe/Berlin here), whatever the server's zone.</summary>
public sealed class SnoozeTests : ComponentTest
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);

    private readonly List<DateTimeOffset?> _snoozed = [];

    private Hosts _hosts = default!;

    private async Task<IRenderedComponent<SnoozeMenu>> RenderMenuAsync(DateTimeOffset now)
    {
        await SignInAsync();
        Database.Clock.Set(now);
        _hosts = Hosts.Render(this);
        return Render<SnoozeMenu>(p => p.Add(m => m.OnSnooze, EventCallback.Factory.Create<DateTimeOffset?>(this, at => _snoozed.Add(at))));
    }

    private void Choose(IRenderedComponent<SnoozeMenu> menu, string item)
    {
        menu.Find("button").Click();
        _hosts.Popovers.WaitForElements(".mud-menu-item").Single(i => i.TextContent.Trim() == item).Click();
    }

    // The picker takes the typed time on its own render; the dialog must not be answered before it has.
    private static void SetTime(IRenderedComponent<MudDialogProvider> dialogs, string time)
    {
        dialogs.FindComponent<MudTimePicker>().Find("input").Change(time);
        dialogs.WaitForAssertion(() => dialogs.FindComponent<MudTimePicker>().Find("input").GetAttribute("value").ShouldBe(time));
    }

    [Theory]
    [InlineData("2026-03-14T10:30:00+01:00", "2026-03-15T09:00:00+01:00")]
    [InlineData("2026-03-14T23:30:00+01:00", "2026-03-15T09:00:00+01:00")]
    // The night the clocks go forward: tomorrow's 9:00 is already summer time.
    [InlineData("2026-03-28T20:00:00+01:00", "2026-03-29T09:00:00+02:00")]
    public async Task UntilTomorrow_IsNineInTheMorning_OfTheBusinesssNextDay(string now, string expected)
    {
        var menu = await RenderMenuAsync(DateTimeOffset.Parse(now));

        Choose(menu, "Until tomorrow 9:00");

        menu.WaitForAssertion(() => _snoozed.ShouldBe([DateTimeOffset.Parse(expected)]));
    }

    [Theory]
    [InlineData("2026-03-14T10:30:00+01:00", "2026-03-16")] // Saturday
    [InlineData("2026-03-15T10:30:00+01:00", "2026-03-16")] // Sunday
    [InlineData("2026-03-16T08:00:00+01:00", "2026-03-23")] // Monday, even before nine: the next one
    [InlineData("2026-03-17T10:30:00+01:00", "2026-03-23")] // Tuesday
    public async Task UntilNextMonday_IsNineOnTheComingMonday(string now, string monday)
    {
        var menu = await RenderMenuAsync(DateTimeOffset.Parse(now));

        Choose(menu, "Until next Monday 9:00");

        menu.WaitForAssertion(() => _snoozed.ShouldBe([new DateTimeOffset(DateTime.Parse(monday).AddHours(9), Winter)]));
    }

    [Theory]
    [InlineData("For one hour", 60)]
    [InlineData("Until the customer replies", null)]
    public async Task ForOneHour_IsAnHourFromNow_AndUntilTheCustomerReplies_HasNoMoment(string item, int? minutes)
    {
        var now = new DateTimeOffset(2026, 3, 14, 10, 30, 0, Winter);
        var menu = await RenderMenuAsync(now);

        Choose(menu, item);

        menu.WaitForAssertion(() => _snoozed.ShouldBe([minutes is { } m ? now.AddMinutes(m) : null]));
    }

    [Fact]
    public async Task PickADate_OffersTomorrowAtNine_AndSnoozesUntilThePickedMoment()
    {
        var menu = await RenderMenuAsync(new DateTimeOffset(2026, 3, 14, 10, 30, 0, Winter));

        Choose(menu, "Pick a date…");
        _hosts.Dialogs.WaitForAssertion(() => _hosts.Dialogs.Markup.ShouldContain("Snooze until"));
        SetTime(_hosts.Dialogs, "14:15");
        _hosts.Answer("Snooze");

        menu.WaitForAssertion(() => _snoozed.ShouldBe([new DateTimeOffset(2026, 3, 15, 14, 15, 0, Winter)]));
    }

    [Fact]
    public async Task DateDialog_RefusesAMomentThatHasPassed_AndStaysOpen()
    {
        await SignInAsync();
        Database.Clock.Set(new DateTimeOffset(2026, 3, 14, 10, 30, 0, Winter));
        var dialogs = Render<MudDialogProvider>();
        IDialogReference? dialog = null;
        var parameters = new DialogParameters<SnoozeDateDialog> { { d => d.Initial, new DateTime(2026, 3, 14, 9, 0, 0) } };

        await dialogs.InvokeAsync(async () => dialog = await Services.GetRequiredService<IDialogService>().ShowAsync<SnoozeDateDialog>("Snooze until", parameters));
        dialogs.WaitForElements(".mud-dialog button").First(b => b.TextContent.Trim() == "Snooze").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[role=alert]").TextContent.ShouldBe("Pick a moment in the future."));
        dialog!.Result.IsCompleted.ShouldBeFalse();

        SetTime(dialogs, "11:00");
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Snooze").Click());

        (await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10))).ShouldNotBeNull().Data.ShouldBe(new DateTime(2026, 3, 14, 11, 0, 0));
    }
}
