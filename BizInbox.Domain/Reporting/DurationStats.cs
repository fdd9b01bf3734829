namespace BizInbox.Domain.Reporting;

/// <summary>
/// The figures of one time metric over a set of durations (in seconds): count, average, median, 90th percentile, and
/// the share within the target. Percentiles interpolate between neighbouring values (as spreadsheets' PERCENTILE.INC
/// does), so the median of an even count is the mean of its two middle values and a manager can check every figure
/// against the exported rows.
/// </summary>
public sealed record DurationStats(int Count, double? Average, double? Median, double? P90, double? WithinTarget, int WithinTargetCount)
{
    /// <summary>No durations: no figures (not zeros, which would read as "instant").</summary>
    public static readonly DurationStats Empty = new(0, null, null, null, null, 0);

    /// <summary>The figures of <paramref name="seconds"/>, measured against <paramref name="target"/>.</summary>
    public static DurationStats Of(IReadOnlyCollection<double> seconds, TimeSpan target)
    {
        if (seconds.Count == 0)
        {
            return Empty;
        }

        var sorted = seconds.ToArray();
        Array.Sort(sorted);
        var within = 0;
        var sum = 0d;
        foreach (var value in sorted)
        {
            sum += value;
            if (value <= target.TotalSeconds)
            {
                within++;
            }
        }

        return new DurationStats(
            sorted.Length, sum / sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.9), (double)within / sorted.Length, within);
    }

    /// <summary>The <paramref name="p"/>-th percentile (0..1) of ascending <paramref name="sorted"/> values, interpolated.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var rank = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }
}
