using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// When each numbered message ("Lasttest #n#") was sent, and when a render batch first carried it to any circuit: the
/// moment it reached an agent's screen.
/// </summary>
internal sealed partial class ScreenSightings(int messages)
{
    private readonly long[] _sent = new long[messages];
    private readonly long[] _seen = new long[messages];

    public static string Text(int n) => string.Create(CultureInfo.InvariantCulture, $"Lasttest #{n}#");

    public void Sent(int n) => _sent[n] = Stopwatch.GetTimestamp();

    /// <summary>Notes the messages in one render batch's strings (called by every circuit, concurrently).</summary>
    public void Observe(IReadOnlyList<string> strings)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var text in strings)
        {
            if (!text.Contains("Lasttest #", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in Numbered().Matches(text))
            {
                if (int.TryParse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture, out var n) && n < _seen.Length)
                {
                    Interlocked.CompareExchange(ref _seen[n], now, 0);
                }
            }
        }
    }

    public int Unseen(int first, int count) => Enumerable.Range(first, count).Count(n => Volatile.Read(ref _seen[n]) == 0);

    /// <summary>Waits until messages first..first+count were all seen, or none more was seen for <paramref name="patience"/>; returns how many are missing.</summary>
    public async Task<int> UntilSeenAsync(int first, int count, TimeSpan patience)
    {
        var unseen = Unseen(first, count);
        var progress = Stopwatch.StartNew();
        while (unseen > 0 && progress.Elapsed < patience)
        {
            await Task.Delay(100);
            var now = Unseen(first, count);
            if (now < unseen)
            {
                progress.Restart();
            }

            unseen = now;
        }

        return unseen;
    }

    /// <summary>Milliseconds from send to screen of the seen messages among first..first+count, sorted.</summary>
    public double[] Latencies(int first, int count) =>
    [
        .. Enumerable.Range(first, count)
            .Where(n => Volatile.Read(ref _seen[n]) != 0)
            .Select(n => Stopwatch.GetElapsedTime(_sent[n], _seen[n]).TotalMilliseconds)
            .Order(),
    ];

    [GeneratedRegex(@"Lasttest #(\d+)#")]
    private static partial Regex Numbered();
}
