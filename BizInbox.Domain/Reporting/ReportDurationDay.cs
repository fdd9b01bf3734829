using System.Buffers.Binary;

namespace BizInbox.Domain.Reporting;

/// <summary>
/// Every duration of one time metric on one of the business's days, in one inbox, of one agent: the summary a report
/// reads instead of each fact. The durations are kept exactly (not binned), so that the median, percentiles and share
/// within target of the summed days equal those of the facts. The day is the range of quarter hours
/// [<see cref="FromSlot"/>, <see cref="ToSlot"/>) it had in the business's time zone when written; a report only uses
/// rows whose range is a day of the zone in force (after a zone change it reads the facts until the rows are rebuilt).
/// </summary>
public sealed class ReportDurationDay
{
    private ReportDurationDay()
    {
    }

    /// <summary>The timed kinds (first response, reply, resolution).</summary>
    public static readonly IReadOnlyList<FactKind> Kinds = [FactKind.FirstResponse, FactKind.Reply, FactKind.Resolved];

    /// <summary>The metric.</summary>
    public FactKind Kind { get; private set; }

    /// <summary>The quarter hour the day begins with (<see cref="ReportFact.Slot"/>).</summary>
    public long FromSlot { get; private set; }

    /// <summary>The quarter hour the next day begins with.</summary>
    public long ToSlot { get; private set; }

    /// <summary>The inbox.</summary>
    public int InboxId { get; private set; }

    /// <summary>The agent, or <see cref="ReportCount.NoAgent"/>.</summary>
    public string AgentId { get; private set; } = ReportCount.NoAgent;

    /// <summary>How many durations.</summary>
    public long Count { get; private set; }

    /// <summary>The calendar durations in seconds, packed by <see cref="Pack"/>, in no particular order.</summary>
    public byte[] Seconds { get; private set; } = [];

    /// <summary>The business durations in seconds, packed likewise.</summary>
    public byte[] BusinessSeconds { get; private set; } = [];

    /// <summary>A day's row with the given durations.</summary>
    public static ReportDurationDay Of(FactKind kind, (long From, long To) day, int inboxId, string agentId, IReadOnlyList<double> seconds, IReadOnlyList<double> businessSeconds) => new()
    {
        Kind = kind, FromSlot = day.From, ToSlot = day.To, InboxId = inboxId, AgentId = agentId, Count = seconds.Count,
        Seconds = Pack(seconds), BusinessSeconds = Pack(businessSeconds),
    };

    /// <summary>Replaces the durations (a repair from the facts).</summary>
    public void Replace(IReadOnlyList<double> seconds, IReadOnlyList<double> businessSeconds)
    {
        Count = seconds.Count;
        Seconds = Pack(seconds);
        BusinessSeconds = Pack(businessSeconds);
    }

    /// <summary>Durations as bytes: 8 a value, little-endian IEEE doubles, so appending bytes appends values.</summary>
    public static byte[] Pack(IReadOnlyList<double> values)
    {
        var bytes = new byte[values.Count * sizeof(double)];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        return bytes;
    }

    /// <summary>Adds the durations packed in <paramref name="bytes"/> to <paramref name="values"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> bytes, List<double> values)
    {
        values.EnsureCapacity(values.Count + (bytes.Length / sizeof(double)));
        for (var at = 0; at + sizeof(double) <= bytes.Length; at += sizeof(double))
        {
            values.Add(BinaryPrimitives.ReadDoubleLittleEndian(bytes[at..]));
        }
    }

    /// <summary>The quarter hours [from, to) of the business's day that the instant <paramref name="ticks"/> (UTC) falls in.</summary>
    public static (long From, long To) DayOf(long ticks, TimeZoneInfo zone)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(new DateTimeOffset(ticks, TimeSpan.Zero), zone).DateTime);

        // Around a clock change at midnight the local date and the day's range can disagree: the range decides.
        if (ticks < DayStart(day, zone).UtcTicks)
        {
            day = day.AddDays(-1);
        }
        else if (ticks >= DayStart(day.AddDays(1), zone).UtcTicks)
        {
            day = day.AddDays(1);
        }

        return (DayStart(day, zone).UtcTicks / ReportFact.SlotTicks, DayStart(day.AddDays(1), zone).UtcTicks / ReportFact.SlotTicks);
    }

    /// <summary>The instant the business's day <paramref name="day"/> begins.</summary>
    public static DateTimeOffset DayStart(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);

        // Where a clock change skips midnight, the day begins when the clock jumps.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
