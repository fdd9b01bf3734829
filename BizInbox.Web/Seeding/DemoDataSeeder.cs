using System.Diagnostics;
using Bogus;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Labels;
using BizInbox.Domain.Team;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data;

namespace BizInbox.Web.Seeding;

/// <param name="TemplateSize">
/// Past this many conversations, only this many are seeded through the domain and the rest are copies of them made in
/// SQL (<see cref="TemplateCopies"/>): a million conversations in minutes instead of hours.
/// </param>
public sealed record SeedOptions(int Conversations, int MessagesPerConversation, int RandomSeed = 20261122, int TemplateSize = SeedOptions.DefaultTemplateSize)
{
    public const int DefaultTemplateSize = 10_000;
}

public sealed record SeedReport(int Conversations, int Messages, TimeSpan Elapsed);

/// <summary>
/// Fills an installation with realistic conversations, in German, through the domain's own methods, so the
/// data obeys every rule the app does (statuses, activity entries, report instants). Used for demos and for
/// the performance figures (e.g. 100,000 conversations with 10 messages each).
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    private const int BatchSize = 1000;

    private static readonly (string Name, string Color)[] DemoLabels =
        [("Bestellung", "#1e88e5"), ("Reklamation", "#e53935"), ("Lieferung", "#fb8c00"), ("Rückruf", "#8e24aa"), ("VIP", "#43a047")];

    private static readonly ConversationPriority[] Priorities =
        [ConversationPriority.Low, ConversationPriority.Medium, ConversationPriority.High, ConversationPriority.Urgent];

    private static readonly string[] CustomerLines =
    [
        "Hallo, wo bleibt meine Bestellung {0}? Sie sollte gestern ankommen.",
        "Guten Tag, haben Sie {1} noch auf Lager?",
        "Kann ich die Lieferadresse für {0} noch ändern?",
        "Das Paket kam beschädigt an. Was kann ich tun?",
        "Bis wann haben Sie heute geöffnet?",
        "Ich möchte {1} zurückgeben. Wie funktioniert das?",
        "Vielen Dank, das hat geklappt!",
        "Können Sie mich bitte zurückrufen? Meine Nummer haben Sie.",
        "Gibt es {1} auch in einer anderen Farbe?",
        "Ist eine Abholung im Laden möglich?",
    ];

    private static readonly string[] AgentLines =
    [
        "Hallo! Ich schaue sofort nach Ihrer Bestellung {0}.",
        "Danke für Ihre Nachricht. {1} ist vorrätig und kann heute noch verschickt werden.",
        "Die Adresse habe ich geändert. Sie erhalten gleich eine Bestätigung.",
        "Das tut uns leid! Schicken Sie uns bitte ein Foto, dann senden wir Ersatz.",
        "Wir haben heute bis 18:00 Uhr geöffnet.",
        "Die Rücksendung ist kostenlos. Den Aufkleber schicke ich Ihnen per E-Mail.",
        "Gern geschehen! Melden Sie sich jederzeit.",
        "Wir rufen Sie heute Nachmittag zurück.",
    ];

    public async Task<SeedReport> SeedAsync(SeedOptions options, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        Randomizer.Seed = new Random(options.RandomSeed);
        var faker = new Faker("de");
        var (inboxIds, team, labels) = await PrepareAsync(ct);
        var now = clock.GetUtcNow();
        var messages = 0;
        var template = Math.Min(options.Conversations, options.TemplateSize);
        // The full-text indexes are built once at the end (see BulkLoad), so the report's time includes them.
        await using (var load = await BulkLoad.BeginAsync(contexts, ct))
        {
            CopySql? copySql = null;
            IdMarks? before = null;
            if (options.Conversations > template)
            {
                await using var db = await load.ContextAsync(ct);
                copySql = CopySql.For(db, options.TemplateSize);
                before = await IdMarks.ReadAsync(db, ct);
            }

            for (var done = 0; done < template; done += BatchSize)
            {
                var count = Math.Min(BatchSize, template - done);
                await using var db = await load.ContextAsync(ct);
                messages += await SeedBatchAsync(db, faker, count, options.MessagesPerConversation, inboxIds, team, labels, now, ct);
                if ((done / BatchSize) % 10 == 0)
                {
                    logger.LogInformation("Seeded {Done} of {Total} conversations", done + count, template);
                }
            }

            if (copySql is not null && before is not null)
            {
                await using var db = await load.ContextAsync(ct);
                var after = await IdMarks.ReadAsync(db, ct);
                await using var copies = new TemplateCopies(db, copySql, before, after, options.Conversations, logger);
                var copied = await copies.CopyAsync(ct);
                messages += copied.Messages;
            }
        }

        return new SeedReport(options.Conversations, messages, watch.Elapsed);
    }

    private async Task<(int[] Inboxes, TeamMember[] Team, Label[] Labels)> PrepareAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var inboxes = await db.Inboxes.Select(i => i.Id).ToArrayAsync(ct);
        var team = await db.Users.Where(u => u.IsActive).Select(u => new TeamMember(u.Id, u.DisplayName)).ToArrayAsync(ct);
        if (inboxes.Length == 0 || team.Length == 0)
        {
            throw new InvalidOperationException("Complete the first-run setup before seeding: demo data needs a business, an inbox and a team.");
        }

        foreach (var (name, color) in DemoLabels)
        {
            if (!await db.Labels.AnyAsync(l => l.Name == name, ct))
            {
                db.Labels.Add(Label.Create(name, color));
            }
        }

        await db.SaveChangesAsync(ct);
        return (inboxes, team, await db.Labels.ToArrayAsync(ct));
    }

    private static async Task<int> SeedBatchAsync(
        BizInboxDbContext db, Faker faker, int count, int messagesPerConversation, int[] inboxIds, TeamMember[] team, Label[] labels, DateTimeOffset now,
        CancellationToken ct)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var started = new List<(Conversation Conversation, DateTimeOffset Start)>(count);
        for (var i = 0; i < count; i++)
        {
            var start = now - TimeSpan.FromMinutes(faker.Random.Double(5, 60 * 24 * 90));
            var contact = Contact.Create(faker.Name.FullName(), faker.Random.Bool(0.6f) ? faker.Internet.Email() : null,
                faker.Random.Bool(0.5f) ? faker.Phone.PhoneNumber("+49 17# #######") : null, start);
            db.Contacts.Add(contact);
            var conversation = Conversation.Start(faker.PickRandom(inboxIds), contact.Id, start);
            db.Conversations.Add(conversation);
            started.Add((conversation, start));
        }

        await db.SaveChangesAsync(ct);
        var entries = new List<Message>(count * (messagesPerConversation + 2));
        foreach (var (conversation, start) in started)
        {
            entries.AddRange(Timeline(faker, conversation, start, now, messagesPerConversation, team, labels));
        }

        db.Messages.AddRange(entries);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);

        // An agent who replied has read the conversation up to the reply: what the customer wrote after it is unread.
        db.ReadMarkers.AddRange(entries.Where(m => m.Kind == MessageKind.Outgoing && m.SenderUserId is not null)
            .GroupBy(m => (m.ConversationId, m.SenderUserId))
            .Select(g => g.MaxBy(m => m.Id)!)
            .Select(m => ReadMarker.Create(m.ConversationId, m.SenderUserId!, m.Id, m.CreatedAt)));
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        return entries.Count;
    }

    private static IEnumerable<Message> Timeline(
        Faker faker, Conversation conversation, DateTimeOffset start, DateTimeOffset now, int messages, TeamMember[] team, Label[] labels)
    {
        var at = start;
        var agent = faker.PickRandom(team);
        var order = $"#{faker.Random.Number(10000, 99999)}";
        var product = faker.Commerce.ProductName();
        for (var i = 0; i < messages; i++)
        {
            at = Min(at + TimeSpan.FromMinutes(faker.Random.Double(0.5, 240)), now);
            if (i % 2 == 0)
            {
                foreach (var entry in conversation.ReceiveFromCustomer(Line(faker, CustomerLines, order, product), null, at))
                {
                    yield return entry;
                }
            }
            else if (i == messages - 1 && faker.Random.Bool(0.55f))
            {
                foreach (var entry in conversation.Resolve(agent, at))
                {
                    yield return entry;
                }
            }
            else
            {
                if (conversation.AssigneeId is null && faker.Random.Bool(0.8f))
                {
                    foreach (var entry in conversation.Assign(agent, agent, null, at))
                    {
                        yield return entry;
                    }
                }

                yield return conversation.Reply(agent, Line(faker, AgentLines, order, product), Guid.NewGuid().ToString("N"), at);
            }

            if (i == 1 && faker.Random.Bool(0.4f))
            {
                foreach (var entry in conversation.AddLabel(agent, faker.PickRandom(labels), at))
                {
                    yield return entry;
                }
            }

            if (i == 1 && faker.Random.Bool(0.1f))
            {
                foreach (var entry in conversation.SetPriority(agent, faker.PickRandom(Priorities), at))
                {
                    yield return entry;
                }
            }
        }

        // Some customers write once more (reopening a resolved conversation): they wait for an answer, as in a real inbox.
        if (messages > 0 && faker.Random.Bool(0.12f))
        {
            at = Min(at + TimeSpan.FromMinutes(faker.Random.Double(0.5, 240)), now);
            foreach (var entry in conversation.ReceiveFromCustomer(Line(faker, CustomerLines, order, product), null, at))
            {
                yield return entry;
            }
        }
    }

    private static string Line(Faker faker, string[] lines, string order, string product) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, faker.PickRandom(lines), order, product);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
