using BizInbox.Web.Data;
namespace BizInbox.Web.Seeding;

/// <summary>
/// <c>dotnet run --project BizInbox.Web -- seed [--conversations N] [--messages N] [--template N]</c>: fills the configured
/// database with demo data (default: 60 conversations, a small explorable set) and exits. Past the template's size
/// (10,000) the rest are copies of the template made in SQL.
/// </summary>
internal static class SeedCommand
{
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "seed";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var conversations = Option(args, "--conversations", 60);
        var messages = Option(args, "--messages", 8);
        var template = Option(args, "--template", SeedOptions.DefaultTemplateSize);
        var seeder = ActivatorUtilities.CreateInstance<DemoDataSeeder>(services);
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var report = await seeder.SeedAsync(new SeedOptions(conversations, messages, TemplateSize: Math.Max(1, template)));
            Console.WriteLine($"Seeded {report.Conversations:N0} conversations with {report.Messages:N0} timeline entries in {report.Elapsed.TotalSeconds:N1} s.");
            await RepairDerivedAsync(services);
            Console.WriteLine($"Tab counts and report summaries rebuilt: {watch.Elapsed.TotalSeconds:N1} s in all.");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    /// <summary>
    /// The bulk load and the template's copies write past SaveChanges: the inbox's tab counts and the report's duration
    /// summaries are counted once now.
    /// </summary>
    public static async Task RepairDerivedAsync(IServiceProvider services)
    {
        await services.GetRequiredService<Features.Inbox.InboxCountReconciliation>().RepairAsync();
        await services.GetRequiredService<Features.Reports.ReportDurationReconciliation>().RepairAsync();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) && value >= 0 ? value : fallback;
    }
}
