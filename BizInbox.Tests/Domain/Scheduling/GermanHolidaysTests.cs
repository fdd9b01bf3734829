using BizInbox.Domain.Scheduling;
using static BizInbox.Tests.Domain.Scheduling.Schedules;

namespace BizInbox.Tests.Domain.Scheduling;

public class GermanHolidaysTests
{
    [Theory]
    [InlineData(2000, 4, 23)]
    [InlineData(2008, 3, 23)]
    [InlineData(2011, 4, 24)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void EasterSunday_MatchesTheChurchCalendar(int year, int month, int day) =>
        GermanHolidays.EasterSunday(year).ShouldBe(new DateOnly(year, month, day));

    [Theory]
    [InlineData(2026, 4, 3, GermanHoliday.GoodFriday)]
    [InlineData(2026, 4, 6, GermanHoliday.EasterMonday)]
    [InlineData(2026, 5, 14, GermanHoliday.AscensionDay)]
    [InlineData(2026, 5, 25, GermanHoliday.WhitMonday)]
    [InlineData(2025, 4, 18, GermanHoliday.GoodFriday)]
    [InlineData(2025, 5, 29, GermanHoliday.AscensionDay)]
    [InlineData(2025, 6, 9, GermanHoliday.WhitMonday)]
    [InlineData(2024, 5, 9, GermanHoliday.AscensionDay)]
    public void MovableFeasts_FollowEasterInEveryState(int year, int month, int day, GermanHoliday holiday)
    {
        foreach (var state in Enum.GetValues<GermanState>())
        {
            GermanHolidays.For(state, year).ShouldContain(new PublicHoliday(new DateOnly(year, month, day), holiday));
        }
    }

    [Theory]
    [InlineData(GermanState.Bavaria, 2026, 6, 4, true)] // Fronleichnam
    [InlineData(GermanState.Berlin, 2026, 6, 4, false)]
    [InlineData(GermanState.Hesse, 2025, 6, 19, true)]
    [InlineData(GermanState.Saxony, 2026, 11, 18, true)] // Buß- und Bettag
    [InlineData(GermanState.Saxony, 2023, 11, 22, true)] // 22 November itself when it is a Wednesday
    [InlineData(GermanState.Saxony, 2024, 11, 20, true)]
    [InlineData(GermanState.Bavaria, 2026, 11, 18, false)]
    [InlineData(GermanState.Berlin, 2026, 3, 8, true)] // Frauentag
    [InlineData(GermanState.Berlin, 2018, 3, 8, false)]
    [InlineData(GermanState.MecklenburgWesternPomerania, 2023, 3, 8, true)]
    [InlineData(GermanState.MecklenburgWesternPomerania, 2022, 3, 8, false)]
    [InlineData(GermanState.Thuringia, 2026, 9, 20, true)] // Weltkindertag
    [InlineData(GermanState.Hesse, 2026, 9, 20, false)]
    [InlineData(GermanState.Saarland, 2026, 8, 15, true)] // Mariä Himmelfahrt
    [InlineData(GermanState.Bavaria, 2026, 8, 15, true)]
    [InlineData(GermanState.NorthRhineWestphalia, 2026, 8, 15, false)]
    [InlineData(GermanState.NorthRhineWestphalia, 2026, 11, 1, true)] // Allerheiligen
    [InlineData(GermanState.Berlin, 2026, 11, 1, false)]
    [InlineData(GermanState.LowerSaxony, 2026, 10, 31, true)] // Reformationstag
    [InlineData(GermanState.LowerSaxony, 2016, 10, 31, false)]
    [InlineData(GermanState.Saxony, 2016, 10, 31, true)]
    [InlineData(GermanState.Berlin, 2017, 10, 31, true)]
    [InlineData(GermanState.Berlin, 2026, 10, 31, false)]
    [InlineData(GermanState.BadenWuerttemberg, 2026, 1, 6, true)] // Heilige Drei Könige
    [InlineData(GermanState.SaxonyAnhalt, 2026, 1, 6, true)]
    [InlineData(GermanState.Hamburg, 2026, 1, 6, false)]
    [InlineData(GermanState.Brandenburg, 2026, 4, 5, true)] // Ostersonntag
    [InlineData(GermanState.Hamburg, 2026, 4, 5, false)]
    public void StateHolidays_DifferBetweenStates(GermanState state, int year, int month, int day, bool holiday) =>
        GermanHolidays.For(state, year).Any(h => h.Date == new DateOnly(year, month, day)).ShouldBe(holiday);

    [Theory]
    [InlineData(GermanState.Berlin, 10)]
    [InlineData(GermanState.Bavaria, 13)]
    [InlineData(GermanState.Saxony, 11)]
    [InlineData(GermanState.Hamburg, 10)]
    [InlineData(GermanState.Brandenburg, 12)]
    public void HolidaysPerYear_AreCountedOncePerDate(GermanState state, int count)
    {
        var holidays = GermanHolidays.For(state, 2026);

        holidays.Count.ShouldBe(count);
        holidays.Select(h => h.Date).ShouldBeInOrder();
    }

    [Fact]
    public void CalendarWithAState_IsClosedOnItsHolidaysOnly()
    {
        var bavaria = Calendar(GermanState.Bavaria, [], "Mon-Fri 09:00-17:00");
        var berlin = Calendar(GermanState.Berlin, [], "Mon-Fri 09:00-17:00");

        // Tuesday 6 January 2026 is Epiphany in Bavaria, a working day in Berlin.
        bavaria.IsOpen(At(2026, 1, 6, 10)).ShouldBeFalse();
        bavaria.NextOpening(At(2026, 1, 6, 8)).ShouldBe(At(2026, 1, 7, 9));
        berlin.IsOpen(At(2026, 1, 6, 10)).ShouldBeTrue();
    }

    [Fact]
    public void CalendarWithoutAState_IgnoresHolidays() =>
        Calendar("Mon-Fri 09:00-17:00").IsOpen(At(2026, 12, 25, 10)).ShouldBeTrue();

    [Fact]
    public void WeekWithWhitMonday_HasFourWorkingDays() =>
        Calendar(GermanState.Hamburg, [], "Mon-Fri 09:00-17:00").BusinessTimeBetween(At(2026, 5, 25, 0), At(2026, 6, 1, 0)).ShouldBe(TimeSpan.FromHours(32));
}
