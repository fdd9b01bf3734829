using BizInbox.Domain.Reporting;

namespace BizInbox.Tests.Domain.Reporting;

public sealed class DurationStatsTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void No_durations_give_no_figures_rather_than_zeros()
    {
        DurationStats.Of([], FiveMinutes).ShouldBe(DurationStats.Empty);
        DurationStats.Empty.Median.ShouldBeNull();
    }

    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value()
    {
        var stats = DurationStats.Of([600, 60, 120], FiveMinutes);

        stats.Count.ShouldBe(3);
        stats.Median.ShouldBe(120);
        stats.Average.ShouldBe(260);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        DurationStats.Of([60, 120, 180, 600], FiveMinutes).Median.ShouldBe(150);
    }

    [Fact]
    public void The_90th_percentile_interpolates_like_a_spreadsheets_percentile_inc()
    {
        // PERCENTILE.INC({10..100 step 10}; 0.9) = 91.
        DurationStats.Of([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], FiveMinutes).P90!.Value.ShouldBe(91, 1e-9);
        DurationStats.Of([42], FiveMinutes).P90.ShouldBe(42);
    }

    [Fact]
    public void The_share_within_target_counts_a_reply_at_exactly_the_target_as_within()
    {
        var stats = DurationStats.Of([299, 300, 301, 1000], FiveMinutes);

        stats.WithinTargetCount.ShouldBe(2);
        stats.WithinTarget.ShouldBe(0.5);
    }
}
