using BizInbox.Domain;
using BizInbox.Domain.Scheduling;
using static BizInbox.Tests.Domain.Scheduling.Schedules;

namespace BizInbox.Tests.Domain.Scheduling;

public class BusinessHoursTests
{
    [Fact]
    public void AnIntervalThatStartsWhereItEnds_IsRefusedForItsDay()
    {
        var ex = Should.Throw<DomainException>(() => new OpeningInterval(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(9, 0)));

        ex.Code.ShouldBe("hours.interval_empty");
        ex.Data[BusinessHours.DayKey].ShouldBe(DayOfWeek.Tuesday);
    }

    [Fact]
    public void MidnightToMidnight_IsTheWholeDay() =>
        new OpeningInterval(DayOfWeek.Monday, TimeOnly.MinValue, TimeOnly.MinValue).Length.ShouldBe(TimeSpan.FromDays(1));

    [Theory]
    [InlineData("Mon 09:00-12:00", "Mon 11:00-14:00", DayOfWeek.Monday)]
    [InlineData("Mon 09:00-17:00", "Mon 10:00-11:00", DayOfWeek.Monday)]
    [InlineData("Fri 22:00-02:00", "Sat 01:00-05:00", DayOfWeek.Saturday)]
    [InlineData("Sun 22:00-02:00", "Mon 00:00-08:00", DayOfWeek.Monday)]
    [InlineData("Mon 00:00-00:00", "Mon 12:00-13:00", DayOfWeek.Monday)]
    public void OverlappingIntervals_AreRefused(string first, string second, DayOfWeek day)
    {
        var ex = Should.Throw<DomainException>(() => BusinessHours.Create(1, Parse(first).Concat(Parse(second)), null, []));

        ex.Code.ShouldBe("hours.interval_overlap");
        ex.Data[BusinessHours.DayKey].ShouldBe(day);
    }

    [Theory]
    [InlineData("Mon 09:00-12:00", "Mon 12:00-17:00")]
    [InlineData("Fri 22:00-02:00", "Sat 02:00-05:00")]
    [InlineData("Sun 00:00-00:00", "Mon 00:00-00:00")]
    public void TouchingIntervals_AreAccepted(string first, string second) =>
        BusinessHours.Create(1, Parse(first).Concat(Parse(second)), null, []).Intervals.Count.ShouldBe(2);

    [Fact]
    public void Intervals_AreKeptMondayFirstInStartOrder() =>
        BusinessHours.Create(1, Parse("Sun 10:00-12:00").Concat(Parse("Mon 13:00-14:00")).Concat(Parse("Mon 08:00-09:00")), null, [])
            .Intervals.Select(i => i.ToString()).ShouldBe(["Monday 08:00–09:00", "Monday 13:00–14:00", "Sunday 10:00–12:00"]);

    [Fact]
    public void Change_ReplacesTheWholeSchedule()
    {
        var hours = BusinessHours.Create(1, Parse("Mon-Fri 09:00-17:00"), GermanState.Berlin, []);

        hours.Change(Parse("Sat 10:00-14:00"), null, [Closure.Days(new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 24), "Heiligabend")]);

        hours.Intervals.ShouldHaveSingleItem().Day.ShouldBe(DayOfWeek.Saturday);
        hours.HolidayState.ShouldBeNull();
        hours.Closures.ShouldHaveSingleItem().Reason.ShouldBe("Heiligabend");
    }

    [Fact]
    public void ARefusedChange_KeepsTheOldSchedule()
    {
        var hours = BusinessHours.Create(1, Parse("Mon-Fri 09:00-17:00"), null, []);

        Should.Throw<DomainException>(() => hours.Change(Parse("Mon 09:00-12:00").Concat(Parse("Mon 10:00-11:00")), null, []));

        hours.Intervals.Count.ShouldBe(5);
    }

    [Fact]
    public void ACalendar_KeepsTheHoursItWasMadeFrom()
    {
        var hours = BusinessHours.Create(1, Parse("Mon-Fri 09:00-17:00"), null, []);
        var before = hours.InZone(Berlin);

        hours.Change(Parse("Sat 10:00-14:00"), GermanState.Berlin, [Closure.Days(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1), null)]);

        before.IsOpen(At(2026, 12, 1, 10)).ShouldBeTrue();
        hours.InZone(Berlin).IsOpen(At(2026, 12, 1, 10)).ShouldBeFalse();
    }

    [Fact]
    public void UnknownState_IsRefused() =>
        Should.Throw<DomainException>(() => BusinessHours.Create(1, [], (GermanState)99, [])).Code.ShouldBe("hours.state_unknown");

    [Fact]
    public void TooManyClosures_AreRefused() =>
        Should.Throw<DomainException>(() => BusinessHours.Create(1, [], null,
                Enumerable.Range(0, BusinessHours.MaxClosures + 1).Select(i => Closure.Days(new DateOnly(2026, 1, 1).AddDays(i), new DateOnly(2026, 1, 1).AddDays(i), null))))
            .Code.ShouldBe("hours.too_many_closures");

    [Fact]
    public void ClosureEndingBeforeItStarts_IsRefused() =>
        Should.Throw<DomainException>(() => Closure.Days(new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 23), null)).Code.ShouldBe("hours.closure_ends_before_start");

    [Fact]
    public void ClosureLongerThanAYear_IsRefused() =>
        Should.Throw<DomainException>(() => Closure.Days(new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 2), null)).Code.ShouldBe("hours.closure_too_long");

    [Theory]
    [InlineData(15, 12)]
    [InlineData(12, 12)]
    public void PartialClosureEndingBeforeItStarts_IsRefused(int from, int until) =>
        Should.Throw<DomainException>(() => Closure.Hours(new DateOnly(2026, 12, 2), new TimeOnly(from, 0), new TimeOnly(until, 0), null)).Code.ShouldBe("hours.closure_times");

    [Fact]
    public void ClosureWithATooLongReason_IsRefused() =>
        Should.Throw<DomainException>(() => Closure.Days(new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 2), new string('x', Closure.MaxReasonLength + 1)))
            .Code.ShouldBe("hours.closure_reason_too_long");
}
