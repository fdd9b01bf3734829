using BizInbox.Web.Data;
namespace BizInbox.Web.Seeding;

/// <summary>
/// <c>dotnet run --project BizInbox.Web -- seed [--conversations N] [--messages N]</c>: fills the configured
/// database with demo data (default: 60 conversations, a small explorable set) and exits.
/// </summary>
internal static class SeedCommand
{
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "seed";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var conversations = Option(args, "--conversations", 60);
        var messages = Option(args, "--messages", 8);
        var seeder = ActivatorUtilities.CreateInstance<DemoDataSeeder>(services);
        try
        {
            var report = await seeder.SeedAsync(new SeedOptions(conversations, messages));
            Console.WriteLine($"Seeded {report.Conversations:N0} conversations with {report.Messages:N0} timeline entries in {report.Elapsed.TotalSeconds:N1} s.");

            // The bulk load writes past SaveChanges: the inbox's tab counts are counted once now.
            await services.GetRequiredService<Features.Inbox.InboxCountReconciliation>().RepairAsync();
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) && value >= 0 ? value : fallback;
    }
}
