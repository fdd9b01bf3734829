using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Features.Inbox;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Channels.WebChat;

/// <summary>An agent's file on the web chat: it reaches the visitor as a file, and its address opens it for that visitor only.</summary>
public abstract class WebChatFileTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, 56).Select(i => (byte)(i * 7))];
    private static readonly byte[] Pdf = [.. "%PDF-1.4\n"u8, .. Enumerable.Range(0, 3000).Select(i => (byte)(i % 251))];

    private WebChatFiles Files => Database.Get<WebChatFiles>();

    private async Task<long> AgentSendsFileAsync(AppUser agent, long conversationId, byte[] bytes, string name, string type, string? caption)
    {
        var file = await Conversations.AttachAsync(As(agent), conversationId, new MemoryStream(bytes), name, type);
        var outcome = await Conversations.ReplyAsync(As(agent), conversationId, new AttachmentDraft(file.Id, caption), NewKey(),
            await LatestMessageIdAsync(conversationId), sendAnyway: false);
        return outcome.MessageId!.Value;
    }

    private static Guid FileIdOf(WebChatFile file) => Guid.ParseExact(file.Url.Split('/')[^1].Split('?')[0], "N");

    private static string TicketOf(WebChatFile file) => Uri.UnescapeDataString(file.Url.Split("?access=")[1]);

    [Fact]
    public async Task AnAgentsFile_ReachesTheVisitor_WithItsCaptionAsText_AndItsNameAndSize_WithoutTheOutbox()
    {
        var owner = await SetupOwnerAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var visitor = await VisitorAsync("Vera Visitor");
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Haben Sie ein Foto?");

        var picture = await AgentSendsFileAsync(anna, conversationId, Png, "fahrrad.png", "image/png", "  Hier ist es.  ");
        var document = await AgentSendsFileAsync(anna, conversationId, Pdf, "preise.pdf", "application/pdf", null);

        var seen = await Chat.MessagesAsync(visitor, null);
        var shownPicture = seen.Single(m => m.Id == picture);
        (shownPicture.Direction, shownPicture.Text, shownPicture.SenderName).ShouldBe(("out", "Hier ist es.", "Anna Agent"));
        shownPicture.File.ShouldNotBeNull();
        (shownPicture.File.Name, shownPicture.File.MimeType, shownPicture.File.Size, shownPicture.File.IsImage).ShouldBe(("fahrrad.png", "image/png", 64L, true));
        shownPicture.File.Url.ShouldStartWith(WebChatFiles.Path + "/");
        var shownDocument = seen.Single(m => m.Id == document);
        shownDocument.Text.ShouldBeEmpty("a file without a caption shows no text of its own");
        (shownDocument.File!.Name, shownDocument.File.Size, shownDocument.File.IsImage).ShouldBe(("preise.pdf", (long)Pdf.Length, false));
        seen.Single(m => m.Direction == "in").File.ShouldBeNull();

        var stored = (await TimelineAsync(conversationId)).Single(m => m.Id == picture);
        (stored.ContentType, stored.Delivery, stored.Text).ShouldBe((MessageContentType.Image, DeliveryStatus.Sent, "Hier ist es."));
        (await TimelineAsync(conversationId)).Single(m => m.Id == document).Text.ShouldBe("preise.pdf", "the team's timeline names a file without a caption");
        await using var db = Database.CreateDbContext();
        (await db.ChannelJobs.CountAsync()).ShouldBe(0, "the web chat needs no outbox: the widget fetches what is stored");
    }

    [Fact]
    public async Task AWebChatReply_MayCarryALongTextWithAnyFile_WhichWhatsAppWouldRefuseAsACaption()
    {
        var owner = await SetupOwnerAsync();
        var (conversationId, _) = await CustomerWritesAsync(await VisitorAsync(), "Hallo");
        var text = new string('x', 2000);

        var id = await AgentSendsFileAsync(owner, conversationId, Pdf, "anleitung.pdf", "application/pdf", text);

        (await TimelineAsync(conversationId)).Single(m => m.Id == id).Text.ShouldBe(text);
    }

    [Fact]
    public async Task AFilesAddress_OpensItForTheVisitorItWasHandedTo_AndForNobodyElse()
    {
        var owner = await SetupOwnerAsync();
        var vera = await VisitorAsync("Vera Visitor");
        var otto = await VisitorAsync("Otto Other");
        var (veraConversation, _) = await CustomerWritesAsync(vera, "Foto?");
        var (ottoConversation, _) = await CustomerWritesAsync(otto, "Preise?");
        await AgentSendsFileAsync(owner, veraConversation, Png, "fahrrad.png", "image/png", null);
        await AgentSendsFileAsync(owner, ottoConversation, Pdf, "preise.pdf", "application/pdf", null);
        var verasFile = (await Chat.MessagesAsync(vera, null)).Single(m => m.File is not null).File!;
        var ottosFile = (await Chat.MessagesAsync(otto, null)).Single(m => m.File is not null).File!;

        var ticket = Files.Read(TicketOf(verasFile));
        ticket.HasValue.ShouldBeTrue();
        ticket.Value.ShouldBe((vera, FileIdOf(verasFile)));
        (await Files.FindAsync(vera, FileIdOf(verasFile))).ShouldNotBeNull().FileName.ShouldBe("fahrrad.png");

        (await Files.FindAsync(otto, FileIdOf(verasFile))).ShouldBeNull("another visitor's session never opens Vera's file");
        (await Files.FindAsync(vera, FileIdOf(ottosFile))).ShouldBeNull();
        Files.Read(null).ShouldBeNull();
        Files.Read("not-a-ticket").ShouldBeNull();
        Files.Read(TicketOf(verasFile)[..^4] + "AAAA").ShouldBeNull("a changed ticket is not genuine");
    }

    [Fact]
    public async Task AFileUploadedButNotSent_IsNotTheVisitorsYet()
    {
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Hallo");

        var unsent = await Conversations.AttachAsync(As(owner), conversationId, new MemoryStream(Png), "entwurf.png", "image/png");

        (await Files.FindAsync(visitor, unsent.Id)).ShouldBeNull();
        (await Chat.MessagesAsync(visitor, null)).ShouldAllBe(m => m.File == null);
    }
}

public sealed class SqliteWebChatFileTests() : WebChatFileTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresWebChatFileTests(PostgresServer postgres) : WebChatFileTests(DatabaseProvider.Postgres, postgres);
