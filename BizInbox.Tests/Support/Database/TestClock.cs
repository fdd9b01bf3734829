using Microsoft.Extensions.Time.Testing;

namespace BizInbox.Tests.Support.Database;

/// <summary>
/// The tests' clock: a <see cref="FakeTimeProvider"/> in UTC that only moves when a test moves it (forward only);
/// timers created through it fire as it passes their due time.
/// </summary>
public static class TestClock
{
    /// <summary>
    /// An arbitrary start with a fractional second. It is a whole microsecond, the finest instant PostgreSQL
    /// stores, so that round-trips through every provider can be compared exactly.
    /// </summary>
    public static readonly DateTimeOffset DefaultStart =
        new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_897_930);

    public static FakeTimeProvider Create()
    {
        var clock = new FakeTimeProvider(DefaultStart);
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        return clock;
    }

    /// <summary>Moves the clock to <paramref name="now"/>, kept in UTC as the app's clock gives it.</summary>
    public static void Set(this FakeTimeProvider clock, DateTimeOffset now) => clock.SetUtcNow(now.ToUniversalTime());
}
