using AngleSharp.Dom;
using BizInbox.Domain.Scheduling;
using BizInbox.Domain.Team;
using BizInbox.Web.Features.Scheduling;
using Bunit;
using MudBlazor;

namespace BizInbox.Tests.Components.Scheduling;

/// <summary>The test clock starts on Saturday 14 March 2026 at 10:26 in Berlin.</summary>
public sealed class BusinessHoursPageTests : ComponentTest
{
    private static IElement Day(IRenderedComponent<BusinessHoursPage> page, DayOfWeek day) => page.Find($"[data-testid=day-{day}]");

    private static List<IElement> TimesOf(IRenderedComponent<BusinessHoursPage> page, DayOfWeek day) => Day(page, day).QuerySelectorAll("input").ToList();

    private static void AddInterval(IRenderedComponent<BusinessHoursPage> page, DayOfWeek day) =>
        Day(page, day).QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Add interval").Click();

    private static void Save(IRenderedComponent<BusinessHoursPage> page) => page.Find("form[aria-label='Business hours']").Submit();

    private Task<BusinessHoursSettings> SavedAsync() => Get<BusinessHoursService>().GetAsync(User);

    [Fact]
    public async Task BeforeTheFirstSave_ProposesWeekdays_AndSaysTheBusinessCountsAsAlwaysOpen()
    {
        await SignInAsync();

        var page = Render<BusinessHoursPage>();

        page.WaitForAssertion(() => TimesOf(page, DayOfWeek.Monday).Select(i => i.GetAttribute("value")).ShouldBe(["09:00", "17:00"]));
        Day(page, DayOfWeek.Saturday).TextContent.ShouldContain("Closed");
        page.Find("[data-testid=opening-status]").TextContent.ShouldContain("Open now, with no closing ahead.");
        page.Find("[data-testid=opening-status]").TextContent.ShouldContain("Not saved yet");
    }

    [Fact]
    public async Task Save_StoresTwoIntervalsADay_AndThePreviewFollowsTheSavedHours()
    {
        await SignInAsync(TeamRole.Manager, "Max Manager");
        var page = Render<BusinessHoursPage>();

        TimesOf(page, DayOfWeek.Monday)[1].Change("12:00");
        AddInterval(page, DayOfWeek.Monday);
        // Proposed an hour after the morning ends, four hours long.
        TimesOf(page, DayOfWeek.Monday).Skip(2).Select(i => i.GetAttribute("value")).ShouldBe(["13:00", "17:00"]);
        TimesOf(page, DayOfWeek.Monday)[3].Change("18:00");
        Save(page);

        page.WaitForAssertion(() => page.Find("[data-testid=opening-status]").TextContent.Trim().Replace('\u202f', ' ').ShouldBe("Closed now · opens Monday 9:00 AM"));
        var saved = await SavedAsync();
        saved.IsSet.ShouldBeTrue();
        saved.Intervals.Where(i => i.Day == DayOfWeek.Monday).ShouldBe([new IntervalRow(DayOfWeek.Monday, new(9, 0), new(12, 0)), new IntervalRow(DayOfWeek.Monday, new(13, 0), new(18, 0))]);
    }

    [Fact]
    public async Task OverlappingIntervals_AreRefusedUnderTheirDay_AndTheTypedTimesStay()
    {
        await SignInAsync();
        var page = Render<BusinessHoursPage>();

        AddInterval(page, DayOfWeek.Wednesday);
        TimesOf(page, DayOfWeek.Wednesday)[2].Change("16:00");
        TimesOf(page, DayOfWeek.Wednesday)[3].Change("19:00");
        Save(page);

        page.WaitForAssertion(() => Day(page, DayOfWeek.Wednesday).QuerySelector(".bi-field-error")!.TextContent.ShouldBe("Intervals on this day overlap (one of them may run past midnight)."));
        TimesOf(page, DayOfWeek.Wednesday).Select(i => i.GetAttribute("value")).ShouldBe(["09:00", "17:00", "16:00", "19:00"]);
        Day(page, DayOfWeek.Monday).QuerySelector(".bi-field-error").ShouldBeNull();
        (await SavedAsync()).IsSet.ShouldBeFalse();
    }

    [Fact]
    public async Task AnUnreadableTime_IsRefusedNextToItsField()
    {
        await SignInAsync();
        var page = Render<BusinessHoursPage>();

        TimesOf(page, DayOfWeek.Tuesday)[0].Change("9 Uhr");
        Save(page);

        page.WaitForAssertion(() => Day(page, DayOfWeek.Tuesday).QuerySelector(".mud-input-error .mud-input-helper-text, .mud-input-helper-text.mud-input-error")!.TextContent.Trim().ShouldBe("Enter a time like 09:00."));
        TimesOf(page, DayOfWeek.Tuesday)[0].GetAttribute("value").ShouldBe("9 Uhr");
        (await SavedAsync()).IsSet.ShouldBeFalse();
    }

    [Fact]
    public async Task RemovingEveryInterval_OfADay_ClosesIt()
    {
        await SignInAsync();
        var page = Render<BusinessHoursPage>();

        page.Find("button[aria-label='Remove interval 1 on Friday']").Click();
        Save(page);

        page.WaitForAssertion(() => Day(page, DayOfWeek.Friday).TextContent.ShouldContain("Closed"));
        page.WaitForAssertion(async () => (await SavedAsync()).Intervals.Select(i => i.Day).ShouldNotContain(DayOfWeek.Friday));
    }

    [Fact]
    public async Task AClosureAndAState_AreSavedWithTheHours()
    {
        await SignInAsync();
        RenderProviders();
        var page = Render<BusinessHoursPage>();

        page.Input("First day").Change("2026-12-24");
        page.Input("Last day").Change("2027-01-01");
        page.Input("Reason").Change("Betriebsferien");
        page.FindAll("button").First(b => b.TextContent.Trim() == "Add closure").Click();

        // The reason box itself says "Betriebsferien" until it is emptied, so look for the closure's table cell.
        page.WaitForAssertion(() => page.FindAll("td").ShouldContain(td => td.TextContent == "Betriebsferien"));
        page.WaitForAssertion(() => page.Input("Reason").GetAttribute("value").ShouldBeNullOrEmpty());
        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Public holidays").Instance.SelectOption(nameof(GermanState.Bavaria)));
        Save(page);

        page.WaitForAssertion(async () =>
        {
            var saved = await SavedAsync();
            saved.HolidayState.ShouldBe(GermanState.Bavaria);
            saved.Closures.ShouldBe([new ClosureRow(new DateOnly(2026, 12, 24), new DateOnly(2027, 1, 1), null, null, "Betriebsferien")]);
        });
    }

    [Fact]
    public async Task AClosureEndingBeforeItStarts_IsRefusedNextToTheLastDay_AndKeepsTheInput()
    {
        await SignInAsync();
        var page = Render<BusinessHoursPage>();

        page.Input("First day").Change("2026-12-24");
        page.Input("Last day").Change("2026-12-20");
        page.FindAll("button").First(b => b.TextContent.Trim() == "Add closure").Click();

        page.WaitForAssertion(() => page.ErrorOf("Last day").ShouldBe("A closure cannot end before it starts."));
        page.Input("Last day").GetAttribute("value").ShouldBe("2026-12-20");
        page.Markup.ShouldContain("No closures.");
    }

    [Fact]
    public async Task APartialClosure_TakesHours_AndCanBeRemovedAgain()
    {
        await SignInAsync();
        var page = Render<BusinessHoursPage>();

        page.Find("input[type=checkbox]").Change(true);
        page.Input("First day").Change("2026-04-01");
        page.Input("Closed from").Change("12:00");
        page.Input("Closed until").Change("15:00");
        page.FindAll("button").First(b => b.TextContent.Trim() == "Add closure").Click();
        page.WaitForAssertion(() => page.Find("button[aria-label='Remove closure 4/1/2026, 12:00–15:00']").Click());

        page.WaitForAssertion(() => page.Markup.ShouldContain("No closures."));
    }
}
