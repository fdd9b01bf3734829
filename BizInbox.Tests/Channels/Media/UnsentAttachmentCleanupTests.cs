using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Tests.Features;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BizInbox.Tests.Channels.Media;

public abstract class UnsentAttachmentCleanupTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    [Fact]
    public async Task AnUploadNeverSent_IsRemovedAfterADay_ASentOneStays()
    {
        await SetupOwnerAsync();
        var conversationId = await StartConversationAsync();
        var media = Database.Get<MediaStore>();
        var unsent = await media.SaveAsync(conversationId, [1, 2, 3], "application/pdf", "draft.pdf");
        var sent = await media.SaveAsync(conversationId, [4, 5, 6], "application/pdf", "sent.pdf");
        await using (var db = Database.CreateDbContext())
        {
            var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
            var entries = conversation.ReceiveFromCustomer("here", "c-1", Database.Clock.GetUtcNow(), new MessageContent(MessageContentType.Document));
            entries[^1].MediaStored(sent.Id);
            db.Messages.AddRange(entries);
            await db.SaveChangesAsync();
        }

        var cleanup = new UnsentAttachmentCleanup(
            Database.Get<IDbContextFactory<BizInboxDbContext>>(), media, Database.Get<BizInbox.Web.Servers.Leases>(), Database.Clock, NullLogger<UnsentAttachmentCleanup>.Instance);

        Database.Clock.Advance(TimeSpan.FromHours(23));
        (await cleanup.RemoveUnsentAsync()).ShouldBe(0);
        Database.Clock.Advance(TimeSpan.FromHours(2));
        (await cleanup.RemoveUnsentAsync()).ShouldBe(1);

        (await media.FindAsync(unsent.Id)).ShouldBeNull();
        (await media.ReadAllAsync(sent)).ShouldBe(new byte[] { 4, 5, 6 });
        Should.Throw<IOException>(() => media.Open(unsent).Dispose());
    }

    private async Task<long> StartConversationAsync()
    {
        await using var db = Database.CreateDbContext();
        var inbox = await db.Inboxes.FirstAsync();
        var contact = Contact.Create("Carla Customer", null, null, Database.Clock.GetUtcNow());
        db.Contacts.Add(contact);
        var conversation = Conversation.Start(inbox.Id, contact.Id, Database.Clock.GetUtcNow());
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }
}

public sealed class SqliteUnsentAttachmentCleanupTests() : UnsentAttachmentCleanupTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresUnsentAttachmentCleanupTests(PostgresServer postgres) : UnsentAttachmentCleanupTests(DatabaseProvider.Postgres, postgres);
