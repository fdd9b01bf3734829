using static BizInbox.Tests.Domain.Scheduling.Schedules;

namespace BizInbox.Tests.Domain.Scheduling;

/// <summary>Europe/Berlin in 2026: clocks jump 02:00 → 03:00 on 29 March and fall back 03:00 → 02:00 on 25 October (both 01:00 UTC).</summary>
public class ClockChangeTests
{
    [Fact]
    public void SpringChange_AnIntervalAcrossTheGap_IsAnHourShorter() =>
        Calendar("Sun 01:00-04:00").BusinessTimeBetween(At(2026, 3, 29, 0), At(2026, 3, 30, 0)).ShouldBe(TimeSpan.FromHours(2));

    [Fact]
    public void SpringChange_AStartInTheGap_OpensWhenTheClockJumps()
    {
        var calendar = Calendar("Sun 02:30-05:00");

        calendar.IsOpen(Utc(2026, 3, 29, 0, 59)).ShouldBeFalse();
        calendar.IsOpen(Utc(2026, 3, 29, 1, 0)).ShouldBeTrue();
        calendar.NextOpening(Utc(2026, 3, 28, 12)).ShouldBe(Utc(2026, 3, 29, 1));
        calendar.NextClosing(Utc(2026, 3, 29, 2)).ShouldBe(Utc(2026, 3, 29, 3));
    }

    [Fact]
    public void SpringChange_AnEndInTheGap_ClosesWhenTheClockJumps() =>
        Calendar("Sun 00:00-02:30").NextClosing(Utc(2026, 3, 29, 0)).ShouldBe(Utc(2026, 3, 29, 1));

    [Fact]
    public void SpringChange_AnOvernightInterval_LastsAnHourLess() =>
        Calendar("Sat 22:00-06:00").BusinessTimeBetween(At(2026, 3, 28, 12), At(2026, 3, 29, 12)).ShouldBe(TimeSpan.FromHours(7));

    [Fact]
    public void SpringChange_OpeningAfterTheWeekend_IsInSummerTime() =>
        Calendar("Mon-Fri 09:00-17:00").NextOpening(At(2026, 3, 28, 18)).ShouldBe(Utc(2026, 3, 30, 7));

    [Fact]
    public void AutumnChange_AnIntervalAcrossTheRepeatedHour_IsAnHourLonger()
    {
        var calendar = Calendar("Sun 01:00-04:00");

        calendar.BusinessTimeBetween(At(2026, 10, 25, 0), At(2026, 10, 26, 0)).ShouldBe(TimeSpan.FromHours(4));
        // 02:15 on the second pass (winter time) is still inside.
        calendar.IsOpen(Utc(2026, 10, 25, 1, 15)).ShouldBeTrue();
        calendar.NextClosing(Utc(2026, 10, 25, 0)).ShouldBe(Utc(2026, 10, 25, 3));
    }

    [Fact]
    public void AutumnChange_AStartInTheRepeatedHour_OpensOnItsFirstPass() =>
        // 02:30 summer time is 00:30 UTC; until 04:00 winter time (03:00 UTC).
        Calendar("Sun 02:30-04:00").OpenSpansBetween(Utc(2026, 10, 24, 0), Utc(2026, 10, 26, 0))
            .ShouldBe([new(Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 25, 3))]);

    [Fact]
    public void AutumnChange_AnEndInTheRepeatedHour_ClosesOnItsSecondPass() =>
        // 02:30 winter time is 01:30 UTC; from midnight summer time (22:00 UTC the day before).
        Calendar("Sun 00:00-02:30").BusinessTimeBetween(Utc(2026, 10, 24, 0), Utc(2026, 10, 26, 0)).ShouldBe(TimeSpan.FromHours(3.5));

    [Fact]
    public void AutumnChange_AnOvernightInterval_LastsAnHourMore() =>
        Calendar("Sat 22:00-06:00").BusinessTimeBetween(At(2026, 10, 24, 12), At(2026, 10, 25, 12)).ShouldBe(TimeSpan.FromHours(9));

    [Fact]
    public void AutumnChange_AWeekOfOfficeHours_IsUnchanged() =>
        Calendar("Mon-Fri 09:00-17:00").BusinessTimeBetween(At(2026, 10, 19, 0), At(2026, 11, 2, 0)).ShouldBe(TimeSpan.FromHours(80));

    [Fact]
    public void WholeDayOnTheChangeDays_Lasts23And25Hours()
    {
        var calendar = Calendar("Sun 00:00-00:00");

        calendar.BusinessTimeBetween(At(2026, 3, 28, 0), At(2026, 3, 31, 0)).ShouldBe(TimeSpan.FromHours(23));
        calendar.BusinessTimeBetween(At(2026, 10, 24, 0), At(2026, 10, 27, 0)).ShouldBe(TimeSpan.FromHours(25));
    }
}
