using BizInbox.Tests.Features.Inbox;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using Bunit;
using Microsoft.EntityFrameworkCore;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>
/// What a live change costs in SQL while an agent has the inbox and a WhatsApp conversation open: every statement from
/// storing the change to the last screen that shows it (the list, the thread, the read marker and WhatsApp's read receipt).
/// </summary>
public sealed class LiveStatementCountTests : InboxComponentTest
{
    private const string Customer = "4917612345678";

    [Fact]
    public async Task AWhatsAppMessageInTheOpenConversation_CostsAFixedNumberOfStatements()
    {
        var (page, conversationId, inboxId) = await OpenAsync();
        using var recorder = new SqlCommandRecorder(Database.ConnectionString);

        recorder.Start();
        await Get<WhatsAppIngest>().IngestAsync(inboxId, Parse(Inbound(Customer, "Jonas Jansen", Text("wamid.IN-2", Customer, "Noch da?", Database.Clock.GetUtcNow()))));
        var messageId = await MessageIdAsync("wamid.IN-2");
        await SettledAsync(page, conversationId, messageId, "Noch da?", receipt: true);
        var statements = recorder.Stop();

        statements.Count.ShouldBe(IncomingStatements, Listing(statements));
    }

    [Fact]
    public async Task AnAgentsReplyInTheOpenConversation_CostsAFixedNumberOfStatements()
    {
        var (page, conversationId, _) = await OpenAsync();
        using var recorder = new SqlCommandRecorder(Database.ConnectionString);

        recorder.Start();
        var outcome = await Get<ConversationService>().ReplyAsync(User, conversationId, "Ja, gerne!", Guid.NewGuid().ToString("N"), await MessageIdAsync("wamid.IN-1"), sendAnyway: false);
        await SettledAsync(page, conversationId, outcome.MessageId!.Value, "Ja, gerne!", receipt: false);
        var statements = recorder.Stop();

        statements.Count.ShouldBe(ReplyStatements, Listing(statements));
    }

    [Fact]
    public async Task ACustomersMessageOffTheAgentsList_MovesItsCountsWithoutAStatement()
    {
        var (page, _, inboxId) = await OpenAsync();
        page.WaitForAssertion(() => page.Find("[data-testid=count-Unassigned]").TextContent.ShouldBe("0"));
        using var recorder = new SqlCommandRecorder(Database.ConnectionString);

        recorder.Start();
        const string other = "4917699999999";
        await Get<WhatsAppIngest>().IngestAsync(inboxId, Parse(Inbound(other, "Mia Meyer", Text("wamid.OTHER-1", other, "Guten Tag", Database.Clock.GetUtcNow()))));
        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=count-Unassigned]").TextContent.ShouldBe("1");
            page.Find("[data-testid=unread-Unassigned]").TextContent.ShouldBe("1");
        }, TimeSpan.FromSeconds(30));
        var statements = recorder.Stop();

        statements.Where(IsListRead).ShouldBeEmpty("an unassigned conversation cannot enter the agent's own tab");
        statements.Where(IsCountRead).ShouldBeEmpty("the counts moved in memory, from the rows the commit published");
    }

    [Fact]
    public async Task TheStatementsOfAListAndItsCounts_AreRecognised()
    {
        await OpenAsync();
        using var recorder = new SqlCommandRecorder(Database.ConnectionString);
        recorder.Start();
        await Get<InboxQueries>().ListAsync(User.UserId!, new ConversationFilter(), InboxQueries.PageSize);
        await Get<InboxQueries>().CountsAsync(User.UserId!, new ConversationFilter());
        var statements = recorder.Stop();

        statements.Count(IsListRead).ShouldBe(1);
        statements.Count(IsCountRead).ShouldBe(1);
    }

    private static bool IsListRead(string sql) => sql.StartsWith("SELECT", StringComparison.Ordinal) && sql.Contains("\"LastMessagePreview\"", StringComparison.Ordinal)
                                                 && sql.Contains("\"Inboxes\"", StringComparison.Ordinal);

    private static bool IsCountRead(string sql) => sql.StartsWith("SELECT", StringComparison.Ordinal) && sql.Contains("\"InboxCounts\"", StringComparison.Ordinal);

    // Before events came from one place: 31 and 37 (the list reloaded twice, and marking read looked the inbox up once more).
    // Before the circuit kept its member (each verb read the user and role again): 26 and 32.
    // Before the counts moved in memory (each reload read them): 25 and 30.
    private const int IncomingStatements = 24;
    private const int ReplyStatements = 29;

    private async Task<(IRenderedComponent<InboxPage> Page, long ConversationId, int InboxId)> OpenAsync()
    {
        await SignInAsync();
        var inboxId = await Get<WhatsAppConnections>().ConnectAsync(User, "WhatsApp",
            new WhatsAppSettingsInput("106540352242922", "102290129340398", "+49 40 1234567", "access-token", "app-secret", "verify-token", null, null));
        await Get<WhatsAppIngest>().IngestAsync(inboxId, Parse(Inbound(Customer, "Jonas Jansen", Text("wamid.IN-1", Customer, "Hallo", Database.Clock.GetUtcNow()))));
        var first = await MessageIdAsync("wamid.IN-1");
        long conversationId;
        await using (var db = Database.CreateDbContext())
        {
            conversationId = await db.Messages.Where(m => m.Id == first).Select(m => m.ConversationId).SingleAsync();
        }

        // The agent's own conversation, so that it is on the list's first tab (Mine).
        await Get<ConversationService>().AssignAsync(User, conversationId, User.UserId!);
        var page = Render<InboxPage>(p => p.Add(x => x.ConversationId, conversationId));
        await SettledAsync(page, conversationId, first, "Hallo", receipt: true);
        return (page, conversationId, inboxId);
    }

    /// <summary>Waits until the thread shows the message, the list shows it read, the marker is on it and (for a customer's message) its receipt is queued.</summary>
    private async Task SettledAsync(IRenderedComponent<InboxPage> page, long conversationId, long messageId, string preview, bool receipt)
    {
        page.WaitForAssertion(() =>
        {
            page.FindAll($"article[data-message='{messageId}']").ShouldNotBeEmpty();
            var row = page.Find($"a.bi-row[data-conversation='{conversationId}']");
            row.QuerySelector(".bi-row-preview")!.TextContent.ShouldContain(preview);
            row.QuerySelector("[data-role=unread]").ShouldBeNull();
        }, TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await MarkedAsync(conversationId, messageId, receipt))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, await StateAsync(conversationId));
            await Task.Delay(20);
        }
    }

    private async Task<bool> MarkedAsync(long conversationId, long messageId, bool receipt)
    {
        await using var db = Observer();
        var marked = await db.ReadMarkers.AnyAsync(r => r.ConversationId == conversationId && r.LastReadMessageId >= messageId);
        return marked && (!receipt || await db.ChannelJobs.AnyAsync(j => j.MessageId == messageId && j.Kind == ChannelJobKind.MarkRead));
    }

    private async Task<string> StateAsync(long conversationId)
    {
        await using var db = Observer();
        var markers = await db.ReadMarkers.Where(r => r.ConversationId == conversationId).Select(r => r.LastReadMessageId).ToListAsync();
        var jobs = await db.ChannelJobs.Where(j => j.ConversationId == conversationId).Select(j => $"{j.Kind}:{j.MessageId}").ToListAsync();
        var messages = await db.Messages.Where(m => m.ConversationId == conversationId).Select(m => $"{m.Id}:{m.Kind}:{m.ExternalId}").ToListAsync();
        return $"markers [{string.Join(", ", markers)}], jobs [{string.Join(", ", jobs)}], messages [{string.Join(", ", messages)}]";
    }

    private async Task<long> MessageIdAsync(string wamid)
    {
        await using var db = Observer();
        return await db.Messages.Where(m => m.ExternalId == wamid).Select(m => m.Id).SingleAsync();
    }

    // The test's own look at the database goes through another connection string, which the recorder does not count.
    private SqliteBizInboxDbContext Observer() =>
        new(new DbContextOptionsBuilder<SqliteBizInboxDbContext>().UseSqlite(Database.ConnectionString + ";Default Timeout=29").Options);

    private static string Listing(IReadOnlyList<string> statements) =>
        $"{statements.Count} statements:{Environment.NewLine}{string.Join(Environment.NewLine + "--" + Environment.NewLine, statements)}";
}
