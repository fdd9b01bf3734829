namespace BizInbox.E2E.Benchmarks;

/// <summary>A SQLite data directory seeded by an earlier benchmark run, copied so that each run starts from the same data.</summary>
internal static class SeededData
{
    /// <summary>Copies the database files of <paramref name="seeded"/> into a new temporary directory and returns it.</summary>
    public static string Copy(string seeded, string prefix)
    {
        var copy = Directory.CreateTempSubdirectory(prefix).FullName;
        foreach (var file in Directory.GetFiles(seeded, "bizinbox.db*"))
        {
            var target = Path.Combine(copy, Path.GetFileName(file));
            File.Copy(file, target);

            // On disk before the app starts: otherwise the kernel writes the copy back during the measurement, and
            // every commit's fsync waits behind it.
            using var written = new FileStream(target, FileMode.Open, FileAccess.ReadWrite);
            written.Flush(flushToDisk: true);
        }

        return copy;
    }

    /// <summary>The machine's load averages (1, 5, 15 minutes), printed next to figures taken on a shared machine.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
