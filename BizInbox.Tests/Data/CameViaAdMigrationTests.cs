using BizInbox.Domain.Channels;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BizInbox.Tests.Data;

/// <summary>The ListReadsAtAMillion migration marks the conversations that hold a message from an ad.</summary>
public abstract class CameViaAdMigrationTests(DatabaseProvider provider, PostgresServer? postgres) : DatabaseTest(provider, postgres)
{
    [Fact]
    public async Task ConversationCameViaAd_MarksTheConversationsWithAMessageFromAnAd_AndNoOthers()
    {
        var database = await NewDatabaseAsync(migrate: true);
        long fromAd, organic;
        await using (var db = database.CreateDbContext())
        {
            var now = Clock.GetUtcNow();
            var inbox = Inbox.Create("WhatsApp", ChannelType.WebChat, now);
            db.Inboxes.Add(inbox);
            var (anna, ben) = (Contact.Create("Anna", null, null, now), Contact.Create("Ben", null, null, now));
            db.Contacts.AddRange(anna, ben);
            await db.SaveChangesAsync();
            var (ad, plain) = (Conversation.Start(inbox.Id, anna.Id, now), Conversation.Start(inbox.Id, ben.Id, now));
            db.Conversations.AddRange(ad, plain);
            await db.SaveChangesAsync();
            var referral = new AdReferral("ad", "120", null, "Frühlings-Check", null, null, null, null, null, null);
            db.Messages.AddRange(ad.ReceiveFromCustomer("Von der Anzeige", "m1", now, new MessageContent(MessageContentType.Text, Referral: referral)));
            db.Messages.AddRange(plain.ReceiveFromCustomer("Von selbst", "m2", now));
            await db.SaveChangesAsync();
            (fromAd, organic) = (ad.Id, plain.Id);

            // Back to before the migration (the column goes) and forward again: what it finds is what it marks.
            var all = db.Database.GetMigrations().ToList();
            var migration = all.FindIndex(m => m.EndsWith("_ListReadsAtAMillion", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(all[migration - 1]);
            await db.GetService<IMigrator>().MigrateAsync(all[migration]);
        }

        await using var after = database.CreateDbContext();
        var marked = await after.Conversations.AsNoTracking().Where(c => c.CameViaAd).Select(c => c.Id).ToListAsync();
        marked.ShouldBe([fromAd]);
        (await after.Conversations.AnyAsync(c => c.Id == organic)).ShouldBeTrue();
    }
}

public sealed class SqliteCameViaAdMigrationTests() : CameViaAdMigrationTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresCameViaAdMigrationTests(PostgresServer postgres) : CameViaAdMigrationTests(DatabaseProvider.Postgres, postgres);
