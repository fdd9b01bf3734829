using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Features.Inbox;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using static BizInbox.Tests.Support.WhatsAppPayloads;
using BizInbox.Web.Channels.WhatsApp.Composer;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>A file for a WhatsApp reply is uploaded and checked against WhatsApp's rules as soon as it is chosen.</summary>
public sealed class AttachmentEditorTests : InboxComponentTest
{
    private readonly WhatsAppDraft _draft = new();

    private async Task<IRenderedComponent<AttachmentEditor>> OpenAsync()
    {
        await SignInAsync();
        var inboxId = await Get<WhatsAppConnections>().ConnectAsync(User, "WhatsApp",
            new WhatsAppSettingsInput("106540352242922", "102290129340398", "+49 40 1234567", "access-token", "app-secret", "verify-token", null, null));
        const string customer = "4917612345678";
        await Get<WhatsAppIngest>().IngestAsync(inboxId, Parse(Inbound(customer, "Jonas Jansen", Text("wamid.IN-1", customer, "Foto?", Database.Clock.GetUtcNow()))));
        long conversationId;
        await using (var db = Database.CreateDbContext())
        {
            conversationId = await db.Messages.Where(m => m.ExternalId == "wamid.IN-1").Select(m => m.ConversationId).SingleAsync();
        }

        return Render<AttachmentEditor>(p => p.Add(e => e.Draft, _draft).Add(e => e.ConversationId, conversationId));
    }

    private static void Choose(IRenderedComponent<AttachmentEditor> editor, byte[] bytes, string name, string type) =>
        editor.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, name, contentType: type));

    private static byte[] Png(int size = 64) =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, size - 8).Select(i => (byte)(i * 7))];

    [Fact]
    public async Task APicture_IsAttached_AndCanBeTakenOffAgain()
    {
        var editor = await OpenAsync();

        Choose(editor, Png(), "fahrrad.png", "image/png");

        editor.WaitForAssertion(() => editor.Find("[data-role=attachment]").TextContent.ShouldContain("fahrrad.png"));
        _draft.Attachment.ShouldNotBeNull().Type.ShouldBe(MessageContentType.Image);
        editor.FindAll("[role=alert]").ShouldBeEmpty();

        editor.Find("[data-role=attachment] .mud-chip-close-button").Click();

        _draft.Attachment.ShouldBeNull();
        editor.FindAll("[data-role=attachment]").ShouldBeEmpty();
        editor.Find("button").TextContent.ShouldContain("Choose a file");
    }

    [Theory]
    [InlineData("antwort.ogg", "audio/ogg", MessageContentType.Voice)]
    [InlineData("montage.mp4", "video/mp4", MessageContentType.Video)]
    public async Task AVoiceMessageOrVideo_IsAttached_AsWhatWhatsAppWillShow(string name, string type, MessageContentType expected)
    {
        var editor = await OpenAsync();
        byte[] bytes = expected == MessageContentType.Voice
            ? [.. "OggS"u8, 0, 2, .. new byte[20], 1, 19, .. "OpusHead"u8, .. new byte[28]]
            : [0, 0, 0, 0x18, .. "ftypisom"u8, .. new byte[52]];

        Choose(editor, bytes, name, type);

        editor.WaitForAssertion(() => editor.Find("[data-role=attachment]").TextContent.ShouldContain(name));
        _draft.Attachment.ShouldNotBeNull().Type.ShouldBe(expected);
        editor.FindAll("[role=alert]").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("archiv.zip", "application/zip", "Files may be JPEG or PNG pictures, MP4 videos, voice messages and audio (OGG Opus, MP3, AAC, M4A, AMR), and PDF, text and Office documents.")]
    [InlineData("foto.png", "image/png", "The file's content does not match its type.")]
    public async Task AFileWhatsAppWouldRefuse_IsRefusedAtOnce_SayingWhy(string name, string type, string message)
    {
        var editor = await OpenAsync();

        Choose(editor, "PK\u0003\u0004 not a picture"u8.ToArray(), name, type);

        editor.WaitForAssertion(() => editor.Find("[role=alert]").TextContent.ShouldBe(message));
        _draft.Attachment.ShouldBeNull();
        editor.Find("button").HasAttribute("disabled").ShouldBeFalse();
    }

    [Fact]
    public async Task APictureOverFiveMegabytes_IsRefused()
    {
        var editor = await OpenAsync();

        Choose(editor, Png(5 * 1024 * 1024 + 1), "riesig.png", "image/png");

        editor.WaitForAssertion(() => editor.Find("[role=alert]").TextContent.ShouldBe("Files may be pictures up to 5 MB, videos and audio up to 16 MB, and documents up to 100 MB."));
        _draft.Attachment.ShouldBeNull();
    }

    [Fact]
    public async Task TheButton_OpensTheBrowsersFilePicker_OnTheLabelledFileInput()
    {
        var editor = await OpenAsync();
        var input = editor.Find("input[type=file]");
        input.HasAttribute("hidden").ShouldBeTrue();
        input.GetAttribute("aria-label").ShouldBe("Choose a file");
        input.GetAttribute("accept")!.ShouldContain("image/jpeg");

        editor.Find("button").Click();

        var call = JSInterop.VerifyInvoke("bizInbox.openFilePicker");
        call.Arguments.Single().ShouldBe(editor.FindComponent<InputFile>().Instance.Element);
    }
}
