using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Channels;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Data;
using BizInbox.Web.Features.CannedReplies;
using BizInbox.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BizInbox.Tests.Features.CannedReplies;

/// <summary>A canned reply's file: checked like the composer's attachments, kept while the reply refers to it, copied into a conversation on use.</summary>
public abstract class CannedReplyFileTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    private CannedReplyService Replies => Database.Get<CannedReplyService>();

    private MediaStore Media => Database.Get<MediaStore>();

    private Task<UploadedAttachment> UploadAsync(byte[] bytes, string name = "preise.pdf", string type = "application/pdf") =>
        Replies.UploadAsync(As(Owner), new MemoryStream(bytes), name, type);

    private UnsentAttachmentCleanup Cleanup() =>
        new(Database.Get<IDbContextFactory<BizInboxDbContext>>(), Media, Database.Get<BizInbox.Web.Servers.Leases>(), Clock, NullLogger<UnsentAttachmentCleanup>.Instance);

    [Fact]
    public async Task AReplyWithAFile_IsListedWithItsNameSizeAndKind()
    {
        var file = await UploadAsync(Pdf(300));

        await Replies.CreateAsync(As(Owner), new CannedReplyInput("preise", "Unsere Preise", [], Shared: true, file.Id));

        var row = (await Replies.ListAsync(As(Owner))).ShouldHaveSingleItem();
        row.Attachment.ShouldNotBeNull();
        (row.Attachment.Id, row.Attachment.FileName, row.Attachment.Size, row.Attachment.Type).ShouldBe((file.Id, "preise.pdf", 300L, MessageContentType.Document));
        (await Replies.SearchAsync(As(Owner), "preise")).Single().Attachment!.FileName.ShouldBe("preise.pdf");
    }

    [Theory]
    [InlineData("archiv.zip", "application/zip", "attachment.type")]
    [InlineData("foto.png", "image/png", "attachment.content")]
    public async Task AFileWhatsAppWouldRefuse_IsRefusedOnUpload(string name, string type, string code) =>
        await ShouldFailWithAsync(code, () => UploadAsync("PK\u0003\u0004 no picture"u8.ToArray(), name, type));

    [Fact]
    public async Task AFileWithButtons_IsRefused_AndNothingIsStored()
    {
        var file = await UploadAsync(Png(), "foto.png", "image/png");

        await ShouldFailWithAsync("canned.attachment_with_buttons",
            () => Replies.CreateAsync(As(Owner), new CannedReplyInput("frage", "Passt das?", ["Ja", "Nein"], Shared: true, file.Id)));

        (await Replies.ListAsync(As(Owner))).ShouldBeEmpty();
    }

    [Fact]
    public async Task AConversationsFile_OrAnotherRepliesFile_CannotBeTaken()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var conversationFile = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(Png()), "foto.png", "image/png");
        var file = await UploadAsync(Pdf());
        await Replies.CreateAsync(As(Owner), new CannedReplyInput("eins", "Eins", [], Shared: true, file.Id));

        await ShouldFailWithAsync("attachment.missing", () => Replies.CreateAsync(As(Owner), new CannedReplyInput("zwei", "Zwei", [], Shared: true, conversationFile.Id)));
        await ShouldFailWithAsync("attachment.missing", () => Replies.CreateAsync(As(Owner), new CannedReplyInput("drei", "Drei", [], Shared: true, file.Id)));
    }

    [Fact]
    public async Task TheCleanup_KeepsAFileAReplyRefersTo_RemovesAnAbandonedUpload_AndDeletingTheReplyReleasesItsFile()
    {
        var kept = await UploadAsync(Pdf(), "kept.pdf");
        var abandoned = await UploadAsync(Pdf(), "abandoned.pdf");
        var id = await Replies.CreateAsync(As(Owner), new CannedReplyInput("preise", "Unsere Preise", [], Shared: true, kept.Id));
        Clock.Advance(TimeSpan.FromDays(3));

        (await Cleanup().RemoveUnsentAsync()).ShouldBe(1);

        (await Media.FindAsync(abandoned.Id)).ShouldBeNull();
        var stored = (await Media.FindAsync(kept.Id)).ShouldNotBeNull();
        Media.Exists(stored).ShouldBeTrue();

        await Replies.DeleteAsync(As(Owner), id);

        (await Media.FindAsync(kept.Id)).ShouldBeNull();
        Media.Exists(stored).ShouldBeFalse();
    }

    [Fact]
    public async Task ReplacingOrRemovingTheFile_ReleasesTheOldOne()
    {
        var first = await UploadAsync(Pdf(), "alt.pdf");
        var second = await UploadAsync(Png(), "neu.png", "image/png");
        var id = await Replies.CreateAsync(As(Owner), new CannedReplyInput("preise", "Unsere Preise", [], Shared: true, first.Id));

        await Replies.UpdateAsync(As(Owner), id, new CannedReplyInput("preise", "Unsere Preise", [], Shared: true, second.Id));

        (await Media.FindAsync(first.Id)).ShouldBeNull();
        (await Replies.ListAsync(As(Owner))).Single().Attachment!.FileName.ShouldBe("neu.png");

        await Replies.UpdateAsync(As(Owner), id, new CannedReplyInput("preise", "Unsere Preise", [], Shared: true));

        (await Media.FindAsync(second.Id)).ShouldBeNull();
        (await Replies.ListAsync(As(Owner))).Single().Attachment.ShouldBeNull();
    }

    [Fact]
    public async Task Using_AReplyWithAFile_CopiesItIntoTheConversation_AndItGoesOutOnceWithTheTextAsCaption()
    {
        var agent = await AddMemberAsync(Owner, TeamRole.Agent, "ben@example.com", "Ben Agent");
        var (conversationId, _) = await CustomerTextsAsync();
        var file = await UploadAsync(Png(200), "fahrrad.png", "image/png");
        var id = await Replies.CreateAsync(As(Owner), new CannedReplyInput("rad", "Ihr Rad ist fertig.", [], Shared: true, file.Id));

        var copy = await Conversations.AttachAsync(As(agent), conversationId, await Replies.ReadFileAsync(As(agent), id));

        copy.Id.ShouldNotBe(file.Id);
        (copy.FileName, copy.Size, copy.Type).ShouldBe(("fahrrad.png", 200L, MessageContentType.Image));
        (await Media.FindAsync(copy.Id)).ShouldNotBeNull().ConversationId.ShouldBe(conversationId);
        var messageId = await SendAsync(conversationId, new AttachmentDraft(copy.Id, "Ihr Rad ist fertig."));
        await Worker.RunDueAsync();

        var send = await Graph.WaitForSendAsync();
        send.Json.GetProperty("type").GetString().ShouldBe("image");
        send.Json.GetProperty("image").GetProperty("caption").GetString().ShouldBe("Ihr Rad ist fertig.");
        Graph.Uploads.Values.ShouldHaveSingleItem().Bytes.ShouldBe(Png(200));
        (await MessageAsync(messageId)).ContentType.ShouldBe(MessageContentType.Image);
        (await Media.FindAsync(file.Id)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Using_AReplyWithAFile_OnTheWebChat_CopiesItThere_ButSomeoneElsesPersonalReply_IsRefused()
    {
        var agent = await AddMemberAsync(Owner, TeamRole.Agent, "ben@example.com", "Ben Agent");
        var (webChat, _) = await CustomerWritesAsync(await VisitorAsync(), "Hallo aus dem Web");
        var shared = await Replies.CreateAsync(As(Owner), new CannedReplyInput("rad", "Fertig.", [], Shared: true, (await UploadAsync(Pdf())).Id));
        var personal = await Replies.CreateAsync(As(Owner), new CannedReplyInput("meins", "Meins.", [], Shared: false, (await UploadAsync(Pdf())).Id));

        var copy = await Conversations.AttachAsync(As(agent), webChat, await Replies.ReadFileAsync(As(agent), shared));

        (await Media.FindAsync(copy.Id)).ShouldNotBeNull().ConversationId.ShouldBe(webChat);
        var messageId = await SendAsync(webChat, new AttachmentDraft(copy.Id, "Fertig."));
        (await MessageAsync(messageId)).ContentType.ShouldBe(MessageContentType.Document);
        await ShouldFailWithAsync("attachment.missing", () => Replies.ReadFileAsync(As(agent), personal));
    }
}

public sealed class SqliteCannedReplyFileTests() : CannedReplyFileTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresCannedReplyFileTests(PostgresServer postgres) : CannedReplyFileTests(DatabaseProvider.Postgres, postgres);
