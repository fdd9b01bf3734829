using BizInbox.Domain.Scheduling;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Scheduling;
using BizInbox.Web.Ui;

namespace BizInbox.Tests.Features.Scheduling;

public abstract class BusinessHoursServiceTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    private static readonly BusinessHoursSettings Bakery = new(
        true, "Europe/Berlin", GermanState.Bavaria,
        [
            new(DayOfWeek.Monday, new(7, 0), new(12, 30)), new(DayOfWeek.Monday, new(14, 0), new(18, 0)),
            new(DayOfWeek.Friday, new(22, 0), new(2, 0)),
        ],
        [
            new(new DateOnly(2026, 12, 24), new DateOnly(2027, 1, 1), null, null, "Betriebsferien"),
            new(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 1), new(12, 0), new(15, 0), "Team meeting"),
        ]);

    private BusinessHoursService Hours => Database.Get<BusinessHoursService>();

    [Fact]
    public async Task Get_BeforeTheFirstSave_ProposesWeekdaysNineToFiveInTheBusinessZone()
    {
        var owner = await SetupOwnerAsync();

        var settings = await Hours.GetAsync(As(owner));

        settings.IsSet.ShouldBeFalse();
        settings.TimeZoneId.ShouldBe("Europe/Berlin");
        settings.Intervals.Select(i => i.Day).ShouldBe([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);
    }

    [Fact]
    public async Task Save_ThenGet_ReturnsWhatWasSaved()
    {
        var owner = await SetupOwnerAsync();

        await Hours.SaveAsync(As(owner), Bakery with { TimeZoneId = "Europe/Vienna" });

        var saved = await Hours.GetAsync(As(owner));
        saved.IsSet.ShouldBeTrue();
        saved.TimeZoneId.ShouldBe("Europe/Vienna");
        saved.HolidayState.ShouldBe(GermanState.Bavaria);
        saved.Intervals.ShouldBe(Bakery.Intervals);
        saved.Closures.ShouldBe(Bakery.Closures.OrderBy(c => c.FirstDay));
    }

    [Fact]
    public async Task SaveAgain_ReplacesTheWholeSchedule()
    {
        var owner = await SetupOwnerAsync();
        await Hours.SaveAsync(As(owner), Bakery);

        await Hours.SaveAsync(As(owner), Bakery with { HolidayState = null, Intervals = [new(DayOfWeek.Saturday, new(10, 0), new(14, 0))], Closures = [] });

        var saved = await Hours.GetAsync(As(owner));
        saved.Intervals.ShouldBe([new IntervalRow(DayOfWeek.Saturday, new(10, 0), new(14, 0))]);
        saved.Closures.ShouldBeEmpty();
        saved.HolidayState.ShouldBeNull();
        await using var db = Database.CreateDbContext();
        db.BusinessHours.Count().ShouldBe(1);
    }

    [Fact]
    public async Task Save_WithOverlappingIntervals_ChangesNothing()
    {
        var owner = await SetupOwnerAsync();
        await Hours.SaveAsync(As(owner), Bakery);

        await ShouldFailWithAsync("hours.interval_overlap", () => Hours.SaveAsync(As(owner), Bakery with
        {
            TimeZoneId = "Europe/London",
            Intervals = [new(DayOfWeek.Monday, new(9, 0), new(12, 0)), new(DayOfWeek.Monday, new(11, 0), new(13, 0))],
        }));

        var saved = await Hours.GetAsync(As(owner));
        saved.TimeZoneId.ShouldBe("Europe/Berlin");
        saved.Intervals.ShouldBe(Bakery.Intervals);
    }

    [Fact]
    public async Task AManager_MaySaveTheHours()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "max@example.com");

        await Hours.SaveAsync(As(manager), Bakery);

        (await Hours.GetAsync(As(owner))).IsSet.ShouldBeTrue();
    }

    [Fact]
    public async Task AnAgent_MayNeitherReadNorChangeTheSettings()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");

        await ShouldFailWithAsync("team.not_allowed", () => Hours.GetAsync(As(agent)));
        await ShouldFailWithAsync("team.not_allowed", () => Hours.SaveAsync(As(agent), Bakery));

        (await Hours.GetAsync(As(owner))).IsSet.ShouldBeFalse();
    }

    [Fact]
    public async Task Calendar_BeforeTheFirstSave_IsAlwaysOpen()
    {
        await SetupOwnerAsync();

        var calendar = await Hours.CalendarAsync();

        calendar.IsOpen(Clock.GetUtcNow()).ShouldBeTrue();
        calendar.NextClosing(Clock.GetUtcNow()).ShouldBeNull();
    }

    [Fact]
    public async Task Calendar_UsesTheSavedHoursInTheSavedZone()
    {
        var owner = await SetupOwnerAsync();
        await Hours.SaveAsync(As(owner), Bakery with { TimeZoneId = "America/New_York", HolidayState = null });

        var calendar = await Hours.CalendarAsync();

        // Monday 2 March 2026, 07:30 in New York is 12:30 UTC.
        calendar.IsOpen(new DateTimeOffset(2026, 3, 2, 12, 30, 0, TimeSpan.Zero)).ShouldBeTrue();
        calendar.IsOpen(new DateTimeOffset(2026, 3, 2, 7, 30, 0, TimeSpan.Zero)).ShouldBeFalse();
    }

    [Fact]
    public async Task Status_OnASaturday_SaysClosedAndOpensOnMondayMorning()
    {
        var owner = await SetupOwnerAsync();
        await Hours.SaveAsync(As(owner), Bakery);

        // The clock starts on Saturday 14 March 2026 at 10:26 in Berlin.
        var status = await Hours.StatusAsync(As(owner));

        status.IsOpen.ShouldBeFalse();
        status.NextOpening.ShouldBe(new DateTimeOffset(2026, 3, 16, 7, 0, 0, TimeSpan.FromHours(1)));
        status.NextOpening!.Value.Offset.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task ChangingTheZone_IsSeenByTheInboxClock()
    {
        var owner = await SetupOwnerAsync();
        var time = Database.Get<BusinessTime>();
        time.Now.Offset.ShouldBe(TimeSpan.FromHours(1));

        await Hours.SaveAsync(As(owner), Bakery with { TimeZoneId = "Asia/Tokyo" });

        time.Now.Offset.ShouldBe(TimeSpan.FromHours(9));
    }
}

public sealed class SqliteBusinessHoursServiceTests() : BusinessHoursServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresBusinessHoursServiceTests(PostgresServer postgres) : BusinessHoursServiceTests(DatabaseProvider.Postgres, postgres);
