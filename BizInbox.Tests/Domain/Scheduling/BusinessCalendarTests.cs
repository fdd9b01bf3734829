using BizInbox.Domain.Scheduling;
using static BizInbox.Tests.Domain.Scheduling.Schedules;

namespace BizInbox.Tests.Domain.Scheduling;

public class BusinessCalendarTests
{
    private static readonly BusinessCalendar Office = Calendar("Mon-Fri 09:00-17:00");

    [Theory]
    [InlineData(2026, 11, 30, 9, 0, true)]
    [InlineData(2026, 11, 30, 16, 59, true)]
    [InlineData(2026, 11, 30, 17, 0, false)]
    [InlineData(2026, 11, 30, 8, 59, false)]
    [InlineData(2026, 12, 5, 12, 0, false)]
    public void IsOpen_FollowsTheWeeklyPatternInTheBusinessZone(int y, int m, int d, int h, int min, bool open) =>
        Office.IsOpen(At(y, m, d, h, min)).ShouldBe(open);

    [Fact]
    public void IsOpen_UsesTheBusinessZoneNotUtc() =>
        // 08:30 UTC in winter is 09:30 in Berlin.
        Office.IsOpen(Utc(2026, 11, 30, 8, 30)).ShouldBeTrue();

    [Fact]
    public void NextOpening_OnFridayEvening_IsMondayMorning() =>
        Office.NextOpening(At(2026, 12, 4, 18)).ShouldBe(At(2026, 12, 7, 9));

    [Fact]
    public void NextOpening_WhileOpen_IsNow() =>
        Office.NextOpening(At(2026, 12, 1, 10)).ShouldBe(At(2026, 12, 1, 10));

    [Fact]
    public void NextClosing_WhileOpen_IsTheEndOfTheInterval_AndWhileClosedIsNow()
    {
        Office.NextClosing(At(2026, 12, 1, 10)).ShouldBe(At(2026, 12, 1, 17));
        Office.NextClosing(At(2026, 12, 1, 18)).ShouldBe(At(2026, 12, 1, 18));
    }

    [Fact]
    public void SeveralIntervalsADay_LeaveTheLunchBreakClosed()
    {
        var calendar = Calendar("Mon-Fri 09:00-12:00", "Mon-Fri 13:00-17:00");

        calendar.IsOpen(At(2026, 12, 1, 12, 30)).ShouldBeFalse();
        calendar.NextOpening(At(2026, 12, 1, 12, 30)).ShouldBe(At(2026, 12, 1, 13));
        calendar.NextClosing(At(2026, 12, 1, 10)).ShouldBe(At(2026, 12, 1, 12));
        calendar.BusinessTimeBetween(At(2026, 12, 1, 0), At(2026, 12, 2, 0)).ShouldBe(TimeSpan.FromHours(7));
    }

    [Theory]
    [InlineData(4, 21, 59, false)]
    [InlineData(4, 22, 0, true)]
    [InlineData(5, 0, 0, true)]
    [InlineData(5, 1, 59, true)]
    [InlineData(5, 2, 0, false)]
    public void OvernightInterval_RunsPastMidnightIntoTheNextDay(int day, int hour, int minute, bool open) =>
        Calendar("Fri 22:00-02:00").IsOpen(At(2026, 12, day, hour, minute)).ShouldBe(open);

    [Fact]
    public void OvernightIntervalOnSunday_RunsIntoMonday()
    {
        var calendar = Calendar("Sun 22:00-02:00");

        calendar.IsOpen(At(2026, 12, 7, 1)).ShouldBeTrue();
        calendar.NextClosing(At(2026, 12, 6, 23)).ShouldBe(At(2026, 12, 7, 2));
        // Monday to Monday holds the tail of the Sunday night before and the start of this Sunday's night.
        calendar.BusinessTimeBetween(At(2026, 11, 30, 0), At(2026, 12, 7, 0)).ShouldBe(TimeSpan.FromHours(4));
    }

    [Fact]
    public void TouchingIntervals_CloseOnlyAtTheEndOfTheLast() =>
        Calendar("Fri 22:00-02:00", "Sat 02:00-05:00").NextClosing(At(2026, 12, 4, 23)).ShouldBe(At(2026, 12, 5, 5));

    [Fact]
    public void WholeDays_AreOneSpanAcrossMidnight() =>
        Calendar("Mon-Tue 00:00-00:00").NextClosing(At(2026, 11, 30, 10)).ShouldBe(At(2026, 12, 2, 0));

    [Fact]
    public void AlwaysOpen_NeverCloses()
    {
        var calendar = BusinessHours.AlwaysOpen(1).InZone(Berlin);

        calendar.IsOpen(At(2026, 12, 25, 3)).ShouldBeTrue();
        calendar.NextOpening(At(2026, 12, 25, 3)).ShouldBe(At(2026, 12, 25, 3));
        calendar.NextClosing(At(2026, 12, 25, 3)).ShouldBeNull();
        calendar.BusinessTimeBetween(At(2026, 12, 1, 0), At(2026, 12, 4, 0)).ShouldBe(TimeSpan.FromHours(72));
    }

    [Fact]
    public void NeverOpen_NeverOpens()
    {
        var calendar = Calendar();

        calendar.IsOpen(At(2026, 12, 1, 10)).ShouldBeFalse();
        calendar.NextOpening(At(2026, 12, 1, 10)).ShouldBeNull();
        calendar.NextClosing(At(2026, 12, 1, 10)).ShouldBe(At(2026, 12, 1, 10));
        calendar.BusinessTimeBetween(At(2026, 1, 1, 0), At(2027, 1, 1, 0)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void ClosedEveryDayByClosures_NextOpeningIsNull()
    {
        var closures = Enumerable.Range(0, 5).Select(i => Closure.Days(new DateOnly(2026, 1, 1).AddDays(i * 366), new DateOnly(2026, 1, 1).AddDays((i * 366) + 365), null));

        Calendar(null, closures, "Mon-Fri 09:00-17:00").NextOpening(At(2026, 1, 1, 0)).ShouldBeNull();
    }

    [Fact]
    public void AnotherZone_IsRespected()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var calendar = BusinessHours.Create(1, Parse("Mon-Fri 09:00-17:00"), null, []).InZone(newYork);

        calendar.IsOpen(Utc(2026, 12, 1, 14, 30)).ShouldBeTrue();
        calendar.IsOpen(Utc(2026, 12, 1, 13, 30)).ShouldBeFalse();
    }

    [Fact]
    public void BusinessTimeBetween_IsZeroWhenToIsNotAfterFrom() =>
        Office.BusinessTimeBetween(At(2026, 12, 2, 10), At(2026, 12, 1, 10)).ShouldBe(TimeSpan.Zero);

    [Fact]
    public void BusinessTimeBetween_OverAWeekend_CountsOnlyOpeningHours() =>
        // Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday.
        Office.BusinessTimeBetween(At(2026, 12, 4, 16), At(2026, 12, 7, 10)).ShouldBe(TimeSpan.FromHours(2));

    [Fact]
    public void BusinessTimeBetween_OverHalfAYear_CountsEveryWorkingDayLessHolidays()
    {
        var calendar = Calendar(GermanState.Bavaria, [], "Mon-Fri 09:00-17:00");
        var weekdays = 0;
        for (var day = new DateOnly(2026, 1, 1); day < new DateOnly(2026, 7, 1); day = day.AddDays(1))
        {
            weekdays += day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
        }

        // Bavaria's weekday holidays in the first half of 2026: 1 and 6 Jan, Good Friday, Easter Monday, 1 May,
        // Ascension, Whit Monday, Corpus Christi.
        calendar.BusinessTimeBetween(At(2026, 1, 1, 0), At(2026, 7, 1, 0)).ShouldBe(TimeSpan.FromHours((weekdays - 8) * 8));
    }

    [Fact]
    public void BusinessTimeBetween_AddsUpAcrossAnyCut()
    {
        var calendar = Calendar("Mon-Fri 08:30-12:15", "Mon-Thu 13:00-18:00", "Fri 22:00-02:30", "Sat 10:00-14:00");
        var (from, to) = (At(2026, 3, 2, 7, 13), At(2026, 4, 20, 3, 7));
        var whole = calendar.BusinessTimeBetween(from, to);

        for (var cut = from; cut < to; cut += TimeSpan.FromHours(37.3))
        {
            (calendar.BusinessTimeBetween(from, cut) + calendar.BusinessTimeBetween(cut, to)).ShouldBe(whole);
        }
    }

    [Fact]
    public void BusinessTimeBetween_MatchesSamplingIsOpenMinuteByMinute_AcrossClockChanges()
    {
        // Overnight intervals across both of 2026's clock changes, a holiday and a partial closure.
        var calendar = Calendar(
            GermanState.Berlin,
            [Closure.Hours(new DateOnly(2026, 3, 31), new TimeOnly(11, 0), new TimeOnly(14, 30), "Team meeting")],
            "Mon-Fri 09:00-17:00", "Sat 20:00-01:00", "Sun 02:30-03:30");
        foreach (var (from, to) in new[] { (Utc(2026, 3, 27, 0), Utc(2026, 4, 8, 0)), (Utc(2026, 10, 22, 0), Utc(2026, 10, 29, 0)) })
        {
            var sampled = 0;
            for (var t = from; t < to; t += TimeSpan.FromMinutes(1))
            {
                sampled += calendar.IsOpen(t) ? 1 : 0;
            }

            calendar.BusinessTimeBetween(from, to).ShouldBe(TimeSpan.FromMinutes(sampled));
        }
    }
}
