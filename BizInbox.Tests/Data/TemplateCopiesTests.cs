using BizInbox.Domain.Conversations;
using BizInbox.Domain.Reporting;
using BizInbox.Domain.Team;
using BizInbox.Tests.Features.Inbox;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Data.Keeping;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Reports;
using BizInbox.Web.Features.Search;
using BizInbox.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Data;

/// <summary>Seeding past the template copies it in SQL (<see cref="TemplateCopies"/>) and leaves every derived table as the app keeps it.</summary>
public abstract class TemplateCopiesTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    private const int Template = 50;
    private const int Total = 470;

    [Fact]
    public async Task Seeding_PastTheTemplate_CopiesItWithEveryDerivedTableConsistent()
    {
        var owner = await SetupOwnerAsync();
        await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        await AddWebChatInboxAsync("Shop");
        var seeder = ActivatorUtilities.CreateInstance<DemoDataSeeder>(Database.Services);

        await seeder.SeedAsync(new SeedOptions(Total, 6, TemplateSize: Template));
        await SeedCommand.RepairDerivedAsync(Database.Services);

        await using var db = Database.CreateDbContext();
        (await db.Conversations.CountAsync()).ShouldBe(Total);
        (await db.Contacts.CountAsync()).ShouldBe(Total);
        (await db.Conversations.CountAsync(c => !db.Contacts.Any(k => k.Id == c.ContactId))).ShouldBe(0);
        (await db.Messages.CountAsync(m => !db.Conversations.Any(c => c.Id == m.ConversationId))).ShouldBe(0);
        var perConversation = await db.Messages.GroupBy(m => m.ConversationId).Select(g => g.Count()).ToListAsync();
        perConversation.Count.ShouldBe(Total);
        var phones = await db.Contacts.Where(c => c.Phone != null).Select(c => c.Phone!).ToListAsync();
        phones.Count.ShouldBeGreaterThan(Total / 4);
        phones.Distinct().Count().ShouldBe(phones.Count);

        // Copies spread over the half year before the template's times, so the lists interleave copies and template.
        var statuses = await db.Conversations.GroupBy(c => new { c.Status, c.InboxId, c.AssigneeId }).CountAsync();
        statuses.ShouldBeGreaterThan(3);
        var times = await db.Conversations.Select(c => c.LastActivityAt).Distinct().CountAsync();
        times.ShouldBe(Total);

        // Every searchable message and every contact has its document, the contact's with its own number's digits.
        (await db.SearchDocuments.CountAsync(d => d.Kind == SearchDocumentKind.Message))
            .ShouldBe(await db.Messages.CountAsync(m => m.Text != "" && (m.Kind == MessageKind.Incoming || m.Kind == MessageKind.Outgoing)));
        (await db.SearchDocuments.CountAsync(d => d.Kind == SearchDocumentKind.Message && !db.Messages.Any(m => m.Id == d.MessageId && m.ConversationId == d.ConversationId))).ShouldBe(0);
        var contacts = await db.Contacts.AsNoTracking().ToDictionaryAsync(c => c.Id);
        var documents = await db.SearchDocuments.Where(d => d.Kind == SearchDocumentKind.Contact).Select(d => new { d.ContactId, d.Text }).ToListAsync();
        documents.Count.ShouldBe(Total);
        documents.ShouldAllBe(d => d.Text == SearchDocument.ContactText(contacts[d.ContactId!.Value]));

        // Report facts: as many per copy as per template conversation, and the rollup and summaries equal to them.
        (await db.ReportFacts.CountAsync(f => !db.Conversations.Any(c => c.Id == f.ConversationId))).ShouldBe(0);
        (await db.ReportCounts.SumAsync(c => c.Count)).ShouldBe(await db.ReportFacts.CountAsync(f => ReportCount.Kinds.Contains(f.Kind)));
        (await Database.Get<ReportDurationReconciliation>().RepairAsync()).ShouldBe(0);

        // The kept tab counts equal a full count, and nothing is left to repair.
        (await Database.Get<InboxCountReconciliation>().RepairAsync()).ShouldBe(0);
        (await Queries.CountsAsync(owner.Id, new ConversationFilter(Status: null))).ShouldBe(await Queries.CountFullyAsync(owner.Id, new ConversationFilter(Status: null)));

        // A copied contact is found by its number, and a copied conversation's message by its words.
        var copy = await db.Contacts.Where(c => c.Phone != null && c.Phone.StartsWith("+49176")).OrderBy(c => c.Phone).FirstAsync();
        var search = Database.Get<SearchService>();
        (await search.SearchAsync(As(owner), new SearchRequest(copy.Phone))).Contacts.ShouldContain(c => c.ContactId == copy.Id);
        var newest = await db.Messages.Where(m => m.Kind == MessageKind.Incoming).OrderByDescending(m => m.Id).FirstAsync();
        (await search.SearchAsync(As(owner), new SearchRequest(newest.Text, Limit: SearchRequest.MaxLimit))).Messages.ShouldContain(m => m.MessageId == newest.Id);
    }
}

public sealed class SqliteTemplateCopiesTests() : TemplateCopiesTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresTemplateCopiesTests(PostgresServer postgres) : TemplateCopiesTests(DatabaseProvider.Postgres, postgres);
