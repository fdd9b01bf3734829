using System.Diagnostics;
using System.Net;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Team;
using BizInbox.E2E.Support;
using BizInbox.E2E.Support.Circuits;
using BizInbox.Tests.Support;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.E2E.Benchmarks;

public sealed partial class CircuitLoadBenchmark
{
    /// <summary>
    /// An app over the demo seeder's data (a copy of <c>BIZINBOX_CIRCUIT_BENCH_DATA</c>, or seeded now) with the WhatsApp
    /// number connected to <paramref name="graph"/> (read receipts of the open conversations go there), and its owner.
    /// </summary>
    private async Task<(AppServer App, AppUser Owner)> SeededAsync(FakeGraphApi graph)
    {
        // Sessions re-check their user at the production default, not the tests' two seconds.
        var settings = new Dictionary<string, string> { ["Identity:RevalidationInterval"] = "00:00:30" };
        AppServer app;
        if (Environment.GetEnvironmentVariable("BIZINBOX_CIRCUIT_BENCH_DATA") is { Length: > 0 } seeded)
        {
            settings["Database:DataDirectory"] = SeededData.Copy(seeded, "bizinbox-circuit-bench-");
            app = new AppServer(settings: settings);
        }
        else
        {
            app = new AppServer(settings: settings);
            await app.CompleteSetupAsync("olga@example.com");
            var seeding = Stopwatch.StartNew();
            await ActivatorUtilities.CreateInstance<DemoDataSeeder>(app.Services).SeedAsync(new SeedOptions(Setting("CONVERSATIONS", 2000), 6));
            Note($"Seeded in {seeding.Elapsed.TotalSeconds:N0} s.");
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        // Set-up creates the owner before anyone else.
        var owner = await db.Users.OrderBy(u => u.CreatedAt).FirstAsync();
        if (await db.Inboxes.AnyAsync(i => i.Channel == ChannelType.WhatsApp))
        {
            Note("The copied data has a WhatsApp number already: its sends go to the Graph API address stored with it.");
        }
        else
        {
            await BenchmarkWebhooks.ConnectAsync(app, app.MemberFor(owner.Id), graph);
        }

        Note($"Data: {await db.Conversations.CountAsync():N0} conversations, {await db.Messages.CountAsync():N0} timeline entries.");
        return (app, owner);
    }

    /// <summary>
    /// One WhatsApp conversation per customer, each assigned to an agent in turn (customer k to agent k mod agents), so that
    /// every later message of a customer changes the first tab (Mine) of one agent's list. Returns each customer's conversation.
    /// </summary>
    private static async Task<long[]> AssignCustomersAsync(AppServer app, AppUser owner, HttpClient http, IReadOnlyList<AppUser> agents, int customers)
    {
        var conversations = new long[customers];
        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<ConversationService>();
        for (var k = 0; k < customers; k++)
        {
            using (var response = await http.SendAsync(BenchmarkWebhooks.Text("first", k, customers)))
            {
                response.EnsureSuccessStatusCode();
            }

            conversations[k] = await app.ConversationOfContactAsync($"Kunde {k}");
            await service.AssignAsync(app.MemberFor(owner.Id), conversations[k], agents[k % agents.Count].Id);
        }

        return conversations;
    }

    /// <summary>Invites <paramref name="count"/> agents through the product's own path, then signs each in through the sign-in form.</summary>
    private static async Task<(IReadOnlyList<AppUser> Agents, CookieContainer[] Cookies)> AgentsAsync(AppServer app, AppUser owner, int count)
    {
        var agents = new AppUser[count];
        var cookies = new CookieContainer[count];
        var prefix = Guid.NewGuid().ToString("N")[..6];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (j, ct) =>
        {
            var email = $"agent{j}-{prefix}@example.com";
            agents[j] = await app.AddMemberAsync(owner, TeamRole.Agent, email, $"Agent {j}");
            cookies[j] = await FormSignIn.SignInAsync(new Uri(app.BaseUrl), email, AppServer.Password, ct);
        });
        return (agents, cookies);
    }

    /// <summary>A line for the report, also on the console at once: a run takes minutes, and the report comes at its end.</summary>
    private void Note(string line)
    {
        output.WriteLine(line);
        Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("BIZINBOX_CIRCUIT_BENCH_" + name), out var value) ? value : fallback;
}
