namespace BizInbox.Tests.Support.Database;

/// <summary>
/// A clock that only moves when a test moves it. Time is always UTC; timers and timestamps are the
/// system's (nothing in the code under test schedules work on the clock).
/// </summary>
public sealed class ManualClock : TimeProvider
{
    /// <summary>
    /// An arbitrary start with a fractional second. It is a whole microsecond, the finest instant PostgreSQL
    /// stores, so that round-trips through every provider can be compared exactly.
    /// </summary>
    public static readonly DateTimeOffset DefaultStart =
        new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_897_930);

    private readonly Lock _gate = new();
    private DateTimeOffset _now;

    public ManualClock() : this(DefaultStart)
    {
    }

    public ManualClock(DateTimeOffset start) => _now = start.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock forward (or, with a negative span, back).</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now = _now.Add(by);
        }
    }

    /// <summary>Sets the clock to <paramref name="now"/>, converted to UTC.</summary>
    public void Set(DateTimeOffset now)
    {
        lock (_gate)
        {
            _now = now.ToUniversalTime();
        }
    }
}
