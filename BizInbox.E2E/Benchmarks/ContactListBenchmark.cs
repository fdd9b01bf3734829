using BizInbox.Web.Identity;
using System.Diagnostics;
using System.Globalization;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.E2E.Support;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// The contact list on 100,000 contacts (a third with a conversation, on web chat or WhatsApp; custom attributes "spent"
/// (a number, on 70 %), "tier" (a list, on half) and "vip" (a checkbox, on a tenth)) in the app's SQLite database: how long
/// one page takes, unfiltered, filtered and sorted by an attribute. Reports figures, asserts none:
/// <c>dotnet test BizInbox.E2E -c Release --filter "FullyQualifiedName~ContactListBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class ContactListBenchmark(ITestOutputHelper output)
{
    private const int ContactCount = 100_000;
    private const int Runs = 30;
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] FirstNames = ["Anna", "Ben", "Clara", "Jonas", "Ölga", "Mia", "Paul", "Lena", "Emil", "Sofia", "Noah", "Zoë"];
    private static readonly string[] LastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann"];

    [Fact]
    public async Task FirstAndFilteredPages_On100000Contacts()
    {
        using var app = new AppServer();
        var owner = await app.CompleteSetupAsync("olga@example.com");
        var actor = app.MemberFor(owner.Id);
        var seeding = Stopwatch.StartNew();
        var (spent, tier, vip) = await SeedAsync(app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>());
        output.WriteLine($"seeded {ContactCount:N0} contacts in {seeding.Elapsed.TotalSeconds:F1} s");

        var contacts = app.Services.GetRequiredService<ContactService>();
        ContactQuery[] queries =
        [
            new(),
            new(Sort: ContactSort.Name, Descending: false),
            new(Sort: ContactSort.Name, Descending: false, Page: 2000),
            new("müller"),
            new("0171 2345678"),
            new("+49 171 2345678"),
            new(Channel: ChannelType.WhatsApp),
            new(CreatedFrom: Start.AddDays(100), CreatedTo: Start.AddDays(130)),
            new("schmidt", ChannelType.WebChat, ActiveFrom: Start.AddDays(200)),
            new(Sort: ContactSort.Attribute, SortAttributeId: spent, Descending: false),
            new(Sort: ContactSort.Attribute, SortAttributeId: spent, Descending: true),
            new(Sort: ContactSort.Attribute, SortAttributeId: tier, Descending: false),
            new(Sort: ContactSort.Attribute, SortAttributeId: vip, Descending: true),
            new(Sort: ContactSort.Attribute, SortAttributeId: vip, Descending: true, Page: 1000),
            new(Sort: ContactSort.Attribute, SortAttributeId: spent, Descending: false, Page: 3999),
            new("müller", Sort: ContactSort.Attribute, SortAttributeId: spent, Descending: true),
            new("+49 171 2345678", Sort: ContactSort.Attribute, SortAttributeId: spent, Descending: true),
            new(Channel: ChannelType.WhatsApp, Sort: ContactSort.Attribute, SortAttributeId: tier, Descending: false),
        ];
        foreach (var query in queries)
        {
            var page = await contacts.PageAsync(actor, query);
            var times = new double[Runs];
            for (var i = 0; i < Runs; i++)
            {
                var clock = Stopwatch.StartNew();
                await contacts.PageAsync(actor, query);
                times[i] = clock.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Describe(query),-60} total {page.Total,7:N0}  median {times[Runs / 2],6:F1} ms  p95 {times[(int)(Runs * 0.95)],6:F1} ms"));
        }
    }

    private static string Describe(ContactQuery q) =>
        $"search={q.Search ?? "-"} channel={q.Channel?.ToString() ?? "-"} created={(q.CreatedFrom is null ? "-" : "30 days")} active={(q.ActiveFrom is null ? "-" : "from day 200")} sort={q.Sort}{(q.SortAttributeId is { } a ? $"#{a}{(q.Descending ? " desc" : "")}" : "")} page={q.Page}";

    private static async Task<(int Spent, int Tier, int Vip)> SeedAsync(IDbContextFactory<BizInboxDbContext> contexts)
    {
        var random = new Random(42);
        int web, whatsApp;
        AttributeDefinition spent, tier, vip;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            web = await db.Inboxes.Where(i => i.Channel == ChannelType.WebChat).Select(i => i.Id).FirstAsync();
            var inbox = Inbox.Create("WhatsApp", ChannelType.WhatsApp, Start);
            db.Inboxes.Add(inbox);
            spent = AttributeDefinition.Define("spent", "Spent", AttributeType.Number, null, null, 0);
            tier = AttributeDefinition.Define("tier", "Tier", AttributeType.List, null, ["Bronze", "Silber", "Gold"], 1);
            vip = AttributeDefinition.Define("vip", "VIP", AttributeType.Checkbox, null, null, 2);
            db.ContactAttributes.AddRange(spent, tier, vip);
            await db.SaveChangesAsync();
            whatsApp = inbox.Id;
        }

        const int batch = 5000;
        for (var first = 0; first < ContactCount; first += batch)
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var n = first; n < first + batch; n++)
            {
                var created = Start.AddMinutes(random.Next(0, 365 * 24 * 60));
                var phone = n == 0 ? "+491712345678" : $"+49171{random.Next(1_000_000, 9_999_999)}";
                var name = $"{FirstNames[n % FirstNames.Length]} {LastNames[n / FirstNames.Length % LastNames.Length]} {n}";
                var contact = Contact.Create(name, n % 2 == 0 ? $"customer{n}@example.com" : null, n % 3 == 0 ? phone : null, created);
                contact.Seen(created.AddDays(random.Next(0, 300)));
                db.Contacts.Add(contact);
                AddValue(db, contact.Id, spent, n % 10 < 7 ? (random.Next(0, 100_000) / 100.0).ToString(CultureInfo.InvariantCulture) : null);
                AddValue(db, contact.Id, tier, n % 2 == 0 ? tier.Options[random.Next(0, 3)] : null);
                AddValue(db, contact.Id, vip, n % 10 == 0 ? "true" : null);
                if (n % 3 == 0)
                {
                    db.Conversations.Add(Conversation.Start(n % 2 == 0 ? web : whatsApp, contact.Id, created));
                }
            }

            await db.SaveChangesAsync();
        }

        return (spent.Id, tier.Id, vip.Id);
    }

    private static void AddValue(BizInboxDbContext db, Guid contactId, AttributeDefinition attribute, string? text)
    {
        if (AttributeValue.Read(attribute.Type, attribute.Options, text, CultureInfo.InvariantCulture) is { } value)
        {
            db.ContactAttributeValues.Add(ContactAttributeValue.Of(contactId, attribute.Id, value));
        }
    }
}
