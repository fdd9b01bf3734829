using BizInbox.Web.Channels.Outbox;

namespace BizInbox.Tests.Channels.Outbox;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(9, 300)]
    [InlineData(60, 300)]
    public void WithoutJitter_DoublesUpToTheLongestWait(int attempt, int seconds) =>
        RetryBackoff.Jittered(attempt, First, Max, 0, new Random(1)).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(7)]
    public void WithJitter_StaysWithinItsShareOfTheBackoff_NeverAboveIt_AndVaries(double jitter)
    {
        var random = new Random(17);
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var backoff = RetryBackoff.Jittered(attempt, First, Max, 0, random);
            var waits = Enumerable.Range(0, 50).Select(_ => RetryBackoff.Jittered(attempt, First, Max, jitter, random)).ToList();

            waits.ShouldAllBe(w => w <= backoff && w <= Max && w >= backoff * (1 - Math.Min(jitter, 1)));
            waits.Distinct().Count().ShouldBeGreaterThan(40);
        }
    }
}
