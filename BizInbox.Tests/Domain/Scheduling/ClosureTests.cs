using BizInbox.Domain.Scheduling;
using static BizInbox.Tests.Domain.Scheduling.Schedules;

namespace BizInbox.Tests.Domain.Scheduling;

public class ClosureTests
{
    [Fact]
    public void CompanyClosure_OverTheHolidays_OpensAgainOnTheNextWorkingDay()
    {
        var calendar = Calendar(null, [Closure.Days(new DateOnly(2026, 12, 24), new DateOnly(2027, 1, 1), "Betriebsferien")], "Mon-Fri 09:00-17:00");

        calendar.IsOpen(At(2026, 12, 28, 10)).ShouldBeFalse();
        calendar.NextOpening(At(2026, 12, 23, 18)).ShouldBe(At(2027, 1, 4, 9));
    }

    [Fact]
    public void PartialClosure_ClosesOnlyItsHours()
    {
        var calendar = Calendar(null, [Closure.Hours(new DateOnly(2026, 12, 2), new TimeOnly(12, 0), new TimeOnly(15, 0), "Staff meeting")], "Mon-Fri 09:00-17:00");

        calendar.IsOpen(At(2026, 12, 2, 13)).ShouldBeFalse();
        calendar.NextClosing(At(2026, 12, 2, 10)).ShouldBe(At(2026, 12, 2, 12));
        calendar.NextOpening(At(2026, 12, 2, 12)).ShouldBe(At(2026, 12, 2, 15));
        calendar.BusinessTimeBetween(At(2026, 12, 2, 0), At(2026, 12, 3, 0)).ShouldBe(TimeSpan.FromHours(5));
    }

    [Fact]
    public void PartialClosureUntilMidnight_ClosesTheRestOfTheDay() =>
        Calendar(null, [Closure.Hours(new DateOnly(2026, 12, 4), new TimeOnly(23, 0), TimeOnly.MinValue, null)], "Fri 22:00-02:00")
            .BusinessTimeBetween(At(2026, 12, 4, 0), At(2026, 12, 6, 0)).ShouldBe(TimeSpan.FromHours(3));

    [Fact]
    public void ClosedDay_CancelsTheNightThatBeginsOnIt_ButNotTheNightBefore()
    {
        var closedSaturday = Calendar(null, [Closure.Days(new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 5), null)], "Fri-Sat 22:00-02:00");
        var closedFriday = Calendar(null, [Closure.Days(new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 4), null)], "Fri-Sat 22:00-02:00");

        closedSaturday.IsOpen(At(2026, 12, 5, 1)).ShouldBeTrue();
        closedSaturday.IsOpen(At(2026, 12, 5, 23)).ShouldBeFalse();
        closedFriday.IsOpen(At(2026, 12, 4, 23)).ShouldBeFalse();
        closedFriday.IsOpen(At(2026, 12, 5, 1)).ShouldBeFalse();
    }

    [Fact]
    public void AlwaysOpenWithAClosure_ClosesAtTheStartOfThatDay() =>
        BusinessHours.Create(1, Parse("Mon-Sun 00:00-00:00"), null, [Closure.Days(new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 25), null)])
            .InZone(Berlin).NextClosing(At(2026, 12, 20, 12)).ShouldBe(At(2026, 12, 25, 0));
}
