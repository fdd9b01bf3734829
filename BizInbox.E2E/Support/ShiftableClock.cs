namespace BizInbox.E2E.Support;

/// <summary>
/// The real clock, moved forward on demand: time keeps running (timers, cookies and delays behave as usual), and a
/// scenario can jump a day ahead, e.g. past WhatsApp's 24-hour window.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
