using BizInbox.Domain.Conversations;
using BizInbox.Tests.Channels;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Features.Inbox;

/// <summary>
/// What an agent may send where, checked before anything is stored or queued: WhatsApp's 24-hour window, approved
/// templates of the inbox's own account, interactive limits, attachments' type, size and content, and the web chat's
/// text and files.
/// </summary>
public abstract class OutgoingRulesTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    private static string Chars(int length) => new('a', length);

    /// <summary>Checks that <paramref name="draft"/> is refused with <paramref name="code"/> and that nothing was stored or queued.</summary>
    private async Task ShouldRefuseAsync(long conversationId, OutgoingDraft draft, string code)
    {
        var before = await TimelineAsync(conversationId);
        await ShouldFailWithAsync(code, () => SendAsync(conversationId, draft));
        (await TimelineAsync(conversationId)).Select(m => m.Id).ShouldBe(before.Select(m => m.Id));
        await using var db = Database.CreateDbContext();
        (await db.ChannelJobs.CountAsync(j => j.ConversationId == conversationId && j.Kind == ChannelJobKind.SendMessage)).ShouldBe(0);
    }

    [Fact]
    public async Task Window_IsOpenFor24HoursAfterTheCustomersLastMessage()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));

        var id = await SendAsync(conversationId, new TextDraft("Gerade noch rechtzeitig"));

        var message = await MessageAsync(id);
        (message.Kind, message.Delivery).ShouldBe((MessageKind.Outgoing, DeliveryStatus.Queued));
        (await JobAsync(id)).State.ShouldBe(ChannelJobState.Queued);
    }

    [Fact]
    public async Task Window_Closed_RefusesFreeFormMessages_ButATemplateGoes_AndTheCustomersNextMessageReopensIt()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var attachment = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(Png()), "foto.png", "image/png");
        var templateId = await AddTemplateAsync("rueckfrage", "Hallo {{1}}, haben Sie noch Fragen?");
        Clock.Advance(TimeSpan.FromHours(24));

        await ShouldRefuseAsync(conversationId, new TextDraft("Zu spät"), "whatsapp.window_closed");
        await ShouldRefuseAsync(conversationId, new ButtonsDraft("Zu spät?", ["Ja", "Nein"]), "whatsapp.window_closed");
        await ShouldRefuseAsync(conversationId, new ListDraft("Zu spät?", "Wählen", [new ListRowDraft("Ja", null)]), "whatsapp.window_closed");
        await ShouldRefuseAsync(conversationId, new AttachmentDraft(attachment.Id, null), "whatsapp.window_closed");

        var templateMessage = await SendAsync(conversationId, new TemplateDraft(templateId, ["Sheena"]));

        var sent = await MessageAsync(templateMessage);
        (sent.ContentType, sent.Text, sent.Delivery).ShouldBe((MessageContentType.Template, "Hallo Sheena, haben Sie noch Fragen?", DeliveryStatus.Queued));

        Clock.Advance(TimeSpan.FromDays(3));
        await CustomerTextsAsync("Ja, noch eine");
        (await MessageAsync(await SendAsync(conversationId, new TextDraft("Gern!")))).Delivery.ShouldBe(DeliveryStatus.Queued);
    }

    [Theory]
    [InlineData("PENDING")]
    [InlineData("REJECTED")]
    [InlineData("PAUSED")]
    public async Task Template_NotApproved_IsRefused(string status)
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var templateId = await AddTemplateAsync("angebot", "Hallo {{1}}!", status);

        await ShouldRefuseAsync(conversationId, new TemplateDraft(templateId, ["Sheena"]), "template.not_approved");
    }

    [Fact]
    public async Task Template_OfAnotherInboxOrUnknown_IsRefused()
    {
        var otherInbox = await ConnectAsync("Zweite Nummer", "106540352242999");
        var foreign = await AddTemplateAsync("angebot", "Hallo {{1}}!", inboxId: otherInbox);
        var (conversationId, _) = await CustomerTextsAsync();

        await ShouldRefuseAsync(conversationId, new TemplateDraft(foreign, ["Sheena"]), "template.not_found");
        await ShouldRefuseAsync(conversationId, new TemplateDraft(foreign + 1000, ["Sheena"]), "template.not_found");
    }

    [Fact]
    public async Task Template_WithAMissingOrMultiLineParameter_IsRefused()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var templateId = await AddTemplateAsync("abholung", "Hallo {{1}}, Ihre Bestellung {{2}} liegt bereit.");

        await ShouldRefuseAsync(conversationId, new TemplateDraft(templateId, ["Sheena"]), "template.parameters_missing");
        await ShouldRefuseAsync(conversationId, new TemplateDraft(templateId, ["Sheena", "  "]), "template.parameters_missing");
        await ShouldRefuseAsync(conversationId, new TemplateDraft(templateId, ["Sheena", "4711\n4712"]), "template.parameter_invalid");
    }

    public static TheoryData<string, OutgoingDraft, string> InteractiveBeyondLimits => new()
    {
        { "4 buttons", new ButtonsDraft("Wann?", ["Heute", "Morgen", "Übermorgen", "Später"]), "interactive.button_count" },
        { "no button", new ButtonsDraft("Wann?", []), "interactive.button_count" },
        { "21-character button title", new ButtonsDraft("Wann?", ["Heute", Chars(21)]), "interactive.button_title" },
        { "blank button title", new ButtonsDraft("Wann?", ["Heute", "  "]), "interactive.button_title" },
        { "same button twice", new ButtonsDraft("Wann?", ["Heute", "heute"]), "interactive.button_duplicate" },
        { "1025-character body", new ButtonsDraft(Chars(1025), ["Ja"]), "interactive.body_too_long" },
        { "11 rows", new ListDraft("Was?", "Wählen", [.. Enumerable.Range(1, 11).Select(i => new ListRowDraft($"Zeile {i}", null))]), "interactive.row_count" },
        { "no row", new ListDraft("Was?", "Wählen", []), "interactive.row_count" },
        { "25-character row title", new ListDraft("Was?", "Wählen", [new ListRowDraft(Chars(25), null)]), "interactive.row_title" },
        { "73-character row description", new ListDraft("Was?", "Wählen", [new ListRowDraft("Inspektion", Chars(73))]), "interactive.row_description" },
        { "21-character list button", new ListDraft("Was?", Chars(21), [new ListRowDraft("Inspektion", null)]), "interactive.list_button" },
        { "same row twice", new ListDraft("Was?", "Wählen", [new ListRowDraft("Inspektion", null), new ListRowDraft("Inspektion ", "x")]), "interactive.row_duplicate" },
    };

    [Theory]
    [MemberData(nameof(InteractiveBeyondLimits))]
    public async Task Interactive_BeyondWhatsAppsLimits_IsRefusedWithAClearCode(string beyond, OutgoingDraft draft, string code)
    {
        var (conversationId, _) = await CustomerTextsAsync();

        await ShouldRefuseAsync(conversationId, draft, code);
        _ = beyond; // names the case in the test list
    }

    [Fact]
    public async Task Interactive_AtWhatsAppsLimits_IsQueued()
    {
        var (conversationId, _) = await CustomerTextsAsync();

        var buttons = await SendAsync(conversationId, new ButtonsDraft(Chars(1024), ["Heute", "Morgen", Chars(20)]));
        var list = await SendAsync(conversationId, new ListDraft("Was?", Chars(20),
            [.. Enumerable.Range(1, 9).Select(i => new ListRowDraft($"Zeile {i}", null)), new ListRowDraft(Chars(24), Chars(72))]));

        (await MessageAsync(buttons)).ContentType.ShouldBe(MessageContentType.Buttons);
        (await MessageAsync(list)).ContentType.ShouldBe(MessageContentType.List);
        (await JobAsync(buttons)).State.ShouldBe(ChannelJobState.Queued);
        (await JobAsync(list)).State.ShouldBe(ChannelJobState.Queued);
    }

    [Fact]
    public async Task WebChat_TakesTextAndItsOwnFiles_ButRefusesWhatsAppsRichDrafts()
    {
        var templateId = await AddTemplateAsync("angebot", "Hallo {{1}}!");
        var (conversationId, _) = await CustomerWritesAsync(await VisitorAsync(), "Hallo aus dem Web");
        var (whatsAppConversation, _) = await CustomerTextsAsync();
        var whatsAppFile = await Conversations.AttachAsync(As(Owner), whatsAppConversation, new MemoryStream(Png()), "foto.png", "image/png");

        await ShouldRefuseAsync(conversationId, new ButtonsDraft("Wann?", ["Heute"]), "channel.unsupported");
        await ShouldRefuseAsync(conversationId, new ListDraft("Was?", "Wählen", [new ListRowDraft("Inspektion", null)]), "channel.unsupported");
        await ShouldRefuseAsync(conversationId, new TemplateDraft(templateId, ["Sheena"]), "channel.unsupported");
        await ShouldRefuseAsync(conversationId, new AttachmentDraft(whatsAppFile.Id, null), "attachment.missing");
        await ShouldFailWithAsync("attachment.type",
            () => Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream("<script>"u8.ToArray()), "seite.html", "text/html"));

        var text = await MessageAsync(await SendAsync(conversationId, new TextDraft("Hallo zurück")));
        (text.ContentType, text.Delivery).ShouldBe((MessageContentType.Text, DeliveryStatus.Sent));
        (await JobsAsync(text.Id)).ShouldBeEmpty();
        var upload = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(Pdf()), "angebot.pdf", "application/pdf");
        var file = await MessageAsync(await SendAsync(conversationId, new AttachmentDraft(upload.Id, "Ihr Angebot")));
        (file.ContentType, file.Delivery, file.MediaFileId, file.Text).ShouldBe((MessageContentType.Document, DeliveryStatus.Sent, upload.Id, "Ihr Angebot"));
        (await JobsAsync(file.Id)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("bild.gif", "image/gif")]
    [InlineData("archiv.zip", "application/zip")]
    [InlineData("seite.html", "text/html")]
    [InlineData("film.mov", "video/quicktime")]
    [InlineData("musik.wav", "audio/wav")]
    [InlineData("ohne-typ", "")]
    public async Task Attach_OfATypeWhatsAppDoesNotTake_IsRefused_AndNothingIsStored(string fileName, string mimeType)
    {
        var (conversationId, _) = await CustomerTextsAsync();

        await ShouldFailWithAsync("attachment.type",
            () => Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(Png()), fileName, mimeType));

        await AssertNoMediaStoredAsync();
    }

    [Fact]
    public async Task Attach_APictureOver5MB_IsRefused_ButExactly5MBIsTaken()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        const int limit = 5 * 1024 * 1024;

        await ShouldFailWithAsync("attachment.too_large",
            () => Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(Png(limit + 1)), "gross.png", "image/png"));
        await AssertNoMediaStoredAsync();

        var taken = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(Png(limit)), "genau.png", "image/png");
        (taken.Size, taken.Type, taken.MimeType).ShouldBe((limit, MessageContentType.Image, "image/png"));
    }

    [Theory]
    [InlineData("foto.png", "image/png", "jpeg")]
    [InlineData("foto.jpg", "image/jpeg", "png")]
    [InlineData("angebot.pdf", "application/pdf", "html")]
    [InlineData("leer.pdf", "application/pdf", "empty")]
    public async Task Attach_WhoseContentIsNotItsType_IsRefused(string fileName, string mimeType, string actual)
    {
        var (conversationId, _) = await CustomerTextsAsync();
        byte[] bytes = actual switch
        {
            "jpeg" => Jpeg(),
            "png" => Png(),
            "html" => "<html><script>alert(1)</script></html>"u8.ToArray(),
            _ => [],
        };

        await ShouldFailWithAsync("attachment.content",
            () => Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(bytes), fileName, mimeType));

        await AssertNoMediaStoredAsync();
    }

    [Fact]
    public async Task Attach_ADocument_KeepsASafeFileName_AndParametersOfTheTypeDoNotMatter()
    {
        var (conversationId, _) = await CustomerTextsAsync();

        var document = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(Pdf()), "../../etc/Angebot \"2026\".pdf", "application/pdf; charset=binary");

        (document.FileName, document.MimeType, document.Type).ShouldBe(("Angebot 2026.pdf", "application/pdf", MessageContentType.Document));
    }

    [Fact]
    public async Task Attach_AVideoOrAudioOver16MB_IsRefused_ButExactly16MBIsTaken()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        const int limit = 16 * 1024 * 1024;

        await ShouldFailWithAsync("attachment.too_large",
            () => Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(Mp4(limit + 1)), "lang.mp4", "video/mp4"));
        await ShouldFailWithAsync("attachment.too_large",
            () => Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(OggOpus(limit + 1)), "lang.ogg", "audio/ogg"));
        await AssertNoMediaStoredAsync();

        (await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(Mp4(limit)), "genau.mp4", "video/mp4")).Type.ShouldBe(MessageContentType.Video);
    }

    [Theory]
    [InlineData("notiz.ogg", "audio/ogg")]
    [InlineData("notiz.ogg", "")]
    public async Task Attach_AnOggFileWithoutOpus_IsRefused_ForWhatsAppTakesNoOtherOggCodec(string fileName, string mimeType)
    {
        var (conversationId, _) = await CustomerTextsAsync();
        byte[] vorbis = [.. "OggS"u8, 0, 2, .. new byte[20], 1, 30, 1, .. "vorbis"u8, .. new byte[40]];

        await ShouldFailWithAsync("attachment.type",
            () => Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(vorbis), fileName, mimeType));
        await AssertNoMediaStoredAsync();
    }

    [Fact]
    public async Task Attach_WithoutADeclaredType_IsRecognisedByItsExtension()
    {
        var (conversationId, _) = await CustomerTextsAsync();

        var voice = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(OggOpus()), "Sprachnotiz.opus", "application/octet-stream");
        var video = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(Mp4()), "clip.3gp", "");

        (voice.Type, voice.MimeType, video.Type, video.MimeType).ShouldBe((MessageContentType.Voice, "audio/ogg", MessageContentType.Video, "video/3gpp"));
    }

    [Fact]
    public async Task Attach_AVoiceMessageRecordedInChromium_IsStoredAsOggOpus()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        await using var recording = typeof(OutgoingRulesTests).Assembly.GetManifestResourceStream("Samples.chromium-voice.webm")!;

        var voice = await Conversations.AttachAsync(As(Owner), conversationId, recording, "Sprachnachricht", "application/octet-stream");

        (voice.Type, voice.MimeType, voice.FileName).ShouldBe((MessageContentType.Voice, "audio/ogg", "Sprachnachricht.ogg"));
        await using var db = Database.CreateDbContext();
        var stored = await Database.Get<BizInbox.Web.Channels.Media.MediaStore>().ReadAllAsync(await db.MediaFiles.SingleAsync(f => f.Id == voice.Id));
        BizInbox.Web.Channels.Media.MediaRules.IsOggOpus(stored).ShouldBeTrue();
    }

    [Fact]
    public async Task VoiceMessage_WithACaption_IsRefused_ForWhatsAppSendsAudioWithoutOne()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var voice = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(OggOpus()), "antwort.ogg", "audio/ogg");

        await ShouldRefuseAsync(conversationId, new AttachmentDraft(voice.Id, "Hören Sie mal"), "attachment.caption_not_allowed");
        (await MessageAsync(await SendAsync(conversationId, new AttachmentDraft(voice.Id, "  ")))).ContentType.ShouldBe(MessageContentType.Voice);
    }

    [Fact]
    public async Task Attachment_OfAnotherConversation_CannotBeSent()
    {
        var (mine, _) = await CustomerTextsAsync();
        var (theirs, _) = await CustomerTextsAsync(from: "4915112345678");
        var theirFile = await Conversations.AttachAsync(As(Owner), theirs, new MemoryStream(Png()), "privat.png", "image/png");

        await ShouldRefuseAsync(mine, new AttachmentDraft(theirFile.Id, null), "attachment.missing");
        await ShouldRefuseAsync(mine, new AttachmentDraft(Guid.NewGuid(), null), "attachment.missing");
    }

    [Fact]
    public async Task Attachment_WithACaptionOver1024Characters_IsRefused()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var file = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(Png()), "foto.png", "image/png");

        await ShouldRefuseAsync(conversationId, new AttachmentDraft(file.Id, Chars(1025)), "attachment.caption_too_long");
        (await MessageAsync(await SendAsync(conversationId, new AttachmentDraft(file.Id, Chars(1024))))).Text.ShouldBe(Chars(1024));
    }

    private async Task AssertNoMediaStoredAsync()
    {
        await using var db = Database.CreateDbContext();
        (await db.MediaFiles.CountAsync()).ShouldBe(0);
    }
}

public sealed class SqliteOutgoingRulesTests() : OutgoingRulesTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresOutgoingRulesTests(PostgresServer postgres) : OutgoingRulesTests(DatabaseProvider.Postgres, postgres);
