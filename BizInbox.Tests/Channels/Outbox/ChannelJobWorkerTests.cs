using System.Text.Json;
using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BizInbox.Tests.Support.WhatsAppPayloads;
using BizInbox.Web.Channels;

namespace BizInbox.Tests.Channels.Outbox;

/// <summary>
/// The outbox worker against the fake Graph API, driven step by step with <see cref="ChannelJobWorker.RunDueAsync"/>
/// and the manual clock: Meta's request bodies, retries with backoff, permanent errors, unconfirmed sends, order.
/// </summary>
public abstract class ChannelJobWorkerTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    private IReadOnlyList<GraphRequest> MessageRequests => [.. Graph.Requests.Where(r => r.IsSend)];

    // Exact waits, so that the backoff can be checked to the second; JitteredBackoff_* turns the jitter back on.
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<ChannelJobOptions>(o => o.RetryJitter = 0);

    private async Task<(long ConversationId, long MessageId)> QueuedTextAsync(string text = "Ja, Ihr Rad ist fertig.")
    {
        var (conversationId, _) = await CustomerTextsAsync();
        return (conversationId, await SendAsync(conversationId, new TextDraft(text)));
    }

    private static string? At(JsonElement json, params string[] path)
    {
        foreach (var name in path)
        {
            json = int.TryParse(name, out var index) ? json[index] : json.GetProperty(name);
        }

        return json.ValueKind == JsonValueKind.String ? json.GetString() : json.GetRawText();
    }

    [Fact]
    public async Task Text_LeavesAsMetasTextBody_WithOurReference_AndTheMessageIsNamedByItsWamid()
    {
        var (_, id) = await QueuedTextAsync("Ja, Ihr Rad ist fertig.");
        (await MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Queued);

        (await Worker.RunDueAsync()).ShouldBeNull();

        var send = Graph.Sends.ShouldHaveSingleItem();
        (send.Path, send.Authorization).ShouldBe(($"/{Graph.Version}/{PhoneNumberId}/messages", "Bearer " + Graph.AccessToken));
        var body = send.Json;
        (At(body, "messaging_product"), At(body, "recipient_type"), At(body, "to"), At(body, "type"))
            .ShouldBe(("whatsapp", "individual", Customer, "text"));
        (At(body, "text", "body"), At(body, "text", "preview_url")).ShouldBe(("Ja, Ihr Rad ist fertig.", "false"));
        At(body, "biz_opaque_callback_data").ShouldBe(WhatsAppOutbound.CallbackData(id));
        var sent = await MessageAsync(id);
        (sent.Delivery, sent.ExternalId, sent.DeliveryError).ShouldBe((DeliveryStatus.Sent, send.MessageId, (string?)null));
        var job = await JobAsync(id);
        (job.State, job.Attempts).ShouldBe((ChannelJobState.Done, 1));
    }

    [Fact]
    public async Task Buttons_LeaveAsAnInteractiveButtonMessage()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var id = await SendAsync(conversationId, new ButtonsDraft("Wann holen Sie es ab?", ["Heute", "Morgen", " Später "]));

        await Worker.RunDueAsync();

        var body = Graph.Sends.ShouldHaveSingleItem().Json;
        (At(body, "type"), At(body, "interactive", "type"), At(body, "interactive", "body", "text"))
            .ShouldBe(("interactive", "button", "Wann holen Sie es ab?"));
        var buttons = body.GetProperty("interactive").GetProperty("action").GetProperty("buttons").EnumerateArray()
            .Select(b => (At(b, "type"), At(b, "reply", "id"), At(b, "reply", "title"))).ToList();
        buttons.ShouldBe([("reply", "b1", "Heute"), ("reply", "b2", "Morgen"), ("reply", "b3", "Später")]);
        At(body, "biz_opaque_callback_data").ShouldBe(WhatsAppOutbound.CallbackData(id));
    }

    [Fact]
    public async Task List_LeavesAsAnInteractiveListMessage_WithOneSection()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        await SendAsync(conversationId, new ListDraft("Was dürfen wir tun?", "Leistungen",
            [new ListRowDraft("Inspektion", "Bremsen, Schaltung, Licht"), new ListRowDraft("Reifenwechsel", null)]));

        await Worker.RunDueAsync();

        var body = Graph.Sends.ShouldHaveSingleItem().Json;
        (At(body, "type"), At(body, "interactive", "type"), At(body, "interactive", "body", "text"), At(body, "interactive", "action", "button"))
            .ShouldBe(("interactive", "list", "Was dürfen wir tun?", "Leistungen"));
        var section = body.GetProperty("interactive").GetProperty("action").GetProperty("sections").EnumerateArray().ShouldHaveSingleItem();
        var rows = section.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => (At(r, "id"), At(r, "title"))).ShouldBe([("r1", "Inspektion"), ("r2", "Reifenwechsel")]);
        At(rows[0], "description").ShouldBe("Bremsen, Schaltung, Licht");
        rows[1].TryGetProperty("description", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Image_IsUploadedFirst_ThenSentByItsMediaId_WithTheCaption()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var png = Png(300);
        var attachment = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(png), "rahmen.png", "image/png");
        var id = await SendAsync(conversationId, new AttachmentDraft(attachment.Id, "  So sieht der Rahmen jetzt aus  "));

        await Worker.RunDueAsync();

        var requests = Graph.Requests;
        requests.Select(r => (r.Method, r.Path)).ShouldBe([
            ("POST", $"/{Graph.Version}/{PhoneNumberId}/media"),
            ("POST", $"/{Graph.Version}/{PhoneNumberId}/messages")]);
        var (mediaId, upload) = Graph.Uploads.ShouldHaveSingleItem();
        upload.Bytes.ShouldBe(png);
        (upload.MimeType, upload.FileName).ShouldBe(("image/png", "rahmen.png"));
        var body = requests[1].Json;
        (At(body, "type"), At(body, "image", "id"), At(body, "image", "caption")).ShouldBe(("image", mediaId, "So sieht der Rahmen jetzt aus"));
        body.GetProperty("image").TryGetProperty("filename", out _).ShouldBeFalse();
        var sent = await MessageAsync(id);
        (sent.Delivery, sent.ContentType, sent.MediaFileId, sent.Text).ShouldBe(
            (DeliveryStatus.Sent, MessageContentType.Image, (Guid?)attachment.Id, "So sieht der Rahmen jetzt aus"));
    }

    [Fact]
    public async Task Document_IsUploadedFirst_ThenSentWithItsFileName()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var pdf = Pdf(500);
        var attachment = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(pdf), "angebot-2026.pdf", "application/pdf");
        await SendAsync(conversationId, new AttachmentDraft(attachment.Id, null));

        await Worker.RunDueAsync();

        var (mediaId, upload) = Graph.Uploads.ShouldHaveSingleItem();
        upload.Bytes.ShouldBe(pdf);
        upload.MimeType.ShouldBe("application/pdf");
        var body = Graph.Sends.ShouldHaveSingleItem().Json;
        (At(body, "type"), At(body, "document", "id"), At(body, "document", "filename")).ShouldBe(("document", mediaId, "angebot-2026.pdf"));
        body.GetProperty("document").TryGetProperty("caption", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Video_IsSentByItsMediaId_WithItsCaption()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var mp4 = Mp4(400);
        var attachment = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(mp4), "montage.mp4", "video/mp4");
        var id = await SendAsync(conversationId, new AttachmentDraft(attachment.Id, "So wird der Lenker montiert"));

        await Worker.RunDueAsync();

        var (mediaId, upload) = Graph.Uploads.ShouldHaveSingleItem();
        upload.Bytes.ShouldBe(mp4);
        upload.MimeType.ShouldBe("video/mp4");
        var body = Graph.Sends.ShouldHaveSingleItem().Json;
        (At(body, "type"), At(body, "video", "id"), At(body, "video", "caption")).ShouldBe(("video", mediaId, "So wird der Lenker montiert"));
        (await MessageAsync(id)).ContentType.ShouldBe(MessageContentType.Video);
    }

    [Fact]
    public async Task OggOpus_LeavesAsAVoiceMessage_AndOtherAudioAsAnAudioFile()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var voice = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(OggOpus(300)), "antwort.opus", "audio/opus");
        var voiceId = await SendAsync(conversationId, new AttachmentDraft(voice.Id, null));
        var song = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream([.. "ID3"u8, .. new byte[61]]), "jingle.m4a", "audio/x-m4a");
        var songId = await SendAsync(conversationId, new AttachmentDraft(song.Id, null));

        await Worker.RunDueAsync();

        (voice.Type, voice.MimeType, song.Type, song.MimeType).ShouldBe((MessageContentType.Voice, "audio/ogg", MessageContentType.Audio, "audio/mp4"));
        Graph.Uploads.Values.Select(u => u.MimeType).ShouldBe(["audio/ogg", "audio/mp4"], ignoreOrder: true);
        var sends = Graph.Sends.Select(s => s.Json).ToList();
        sends.Count.ShouldBe(2);
        sends.Select(b => (At(b, "type"), b.GetProperty("audio").TryGetProperty("caption", out var _))).ShouldBe([("audio", false), ("audio", false)]);
        sends.Count(b => b.GetProperty("audio").TryGetProperty("voice", out var v) && v.GetBoolean()).ShouldBe(1);
        ((await MessageAsync(voiceId)).ContentType, (await MessageAsync(songId)).ContentType).ShouldBe((MessageContentType.Voice, MessageContentType.Audio));
    }

    [Fact]
    public async Task Template_LeavesWithNameLanguageAndPositionalParameters()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var templateId = await AddTemplateAsync("bestellung_abholbereit", "Hallo {{1}}, Ihre Bestellung {{2}} liegt bereit.");
        var id = await SendAsync(conversationId, new TemplateDraft(templateId, [" Sheena ", "4711"]));

        await Worker.RunDueAsync();

        var body = Graph.Sends.ShouldHaveSingleItem().Json;
        (At(body, "type"), At(body, "template", "name"), At(body, "template", "language", "code"))
            .ShouldBe(("template", "bestellung_abholbereit", "de"));
        var component = body.GetProperty("template").GetProperty("components").EnumerateArray().ShouldHaveSingleItem();
        At(component, "type").ShouldBe("body");
        var parameters = component.GetProperty("parameters").EnumerateArray().ToList();
        parameters.Select(p => (At(p, "type"), At(p, "text"))).ShouldBe([("text", "Sheena"), ("text", "4711")]);
        parameters.Count(p => p.TryGetProperty("parameter_name", out _)).ShouldBe(0);
        (await MessageAsync(id)).Text.ShouldBe("Hallo Sheena, Ihre Bestellung 4711 liegt bereit.");
    }

    [Fact]
    public async Task Template_WithNamedParameters_NamesEachParameter()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var templateId = await AddTemplateAsync("termin_erinnerung", "Hallo {{customer_name}}, Ihr Termin ist am {{date}}.");
        await SendAsync(conversationId, new TemplateDraft(templateId, ["Sheena", "Freitag"]));

        await Worker.RunDueAsync();

        var body = Graph.Sends.ShouldHaveSingleItem().Json;
        body.GetProperty("template").GetProperty("components")[0].GetProperty("parameters").EnumerateArray()
            .Select(p => (At(p, "parameter_name"), At(p, "text"))).ShouldBe([("customer_name", "Sheena"), ("date", "Freitag")]);
    }

    [Theory]
    [InlineData(GraphFailure.RateLimited, "130429")]
    [InlineData(GraphFailure.ServerError, "131000")]
    [InlineData(GraphFailure.TooManyRequests, "4: ")]
    public async Task TransientFailures_AreRetried_WithADoublingBackoff_ThenSent(GraphFailure failure, string code)
    {
        Graph.RetryAfter = TimeSpan.FromSeconds(1); // shorter than the backoff: the backoff wins
        var (_, id) = await QueuedTextAsync();
        Graph.FailNext(failure, times: 3);

        int[] expectedDelays = [2, 4, 8];
        for (var attempt = 1; attempt <= expectedDelays.Length; attempt++)
        {
            var expectedDelay = expectedDelays[attempt - 1];
            var next = await Worker.RunDueAsync();

            var job = await JobAsync(id);
            (job.State, job.NextAttemptAt, next).ShouldBe((ChannelJobState.Queued, Clock.GetUtcNow().AddSeconds(expectedDelay), (DateTimeOffset?)job.NextAttemptAt));
            job.LastError.ShouldNotBeNull().ShouldContain(code);
            (await MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Queued);

            // Not a moment before it is due.
            Clock.Advance(TimeSpan.FromSeconds(expectedDelay) - TimeSpan.FromMilliseconds(1));
            await Worker.RunDueAsync();
            MessageRequests.Count.ShouldBe(attempt);
            Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        (await Worker.RunDueAsync()).ShouldBeNull();

        MessageRequests.Count.ShouldBe(4);
        Graph.Sends.ShouldHaveSingleItem();
        var sent = await MessageAsync(id);
        (sent.Delivery, sent.DeliveryError).ShouldBe((DeliveryStatus.Sent, (string?)null));
        (await JobAsync(id)).Attempts.ShouldBe(4);
    }

    [Fact]
    public async Task ServerErrorOnASend_ReachesMetaExactlyOnce_TheOutboxRetriesIt_NotTheHttpClient()
    {
        var (_, id) = await QueuedTextAsync();
        Graph.FailNext(GraphFailure.ServiceUnavailable);

        var next = await Worker.RunDueAsync();

        MessageRequests.Count.ShouldBe(1);
        (await JobAsync(id)).State.ShouldBe(ChannelJobState.Queued);
        Clock.Set(next.ShouldNotBeNull());
        await Worker.RunDueAsync();
        MessageRequests.Count.ShouldBe(2);
        Graph.Sends.ShouldHaveSingleItem();
        (await JobAsync(id)).Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task JitteredBackoff_SpreadsJobsThatFailedTogether_WithinTheirBackoff()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ChannelJobOptions { RetryJitter = 0.5 });
        using var worker = ActivatorUtilities.CreateInstance<ChannelJobWorker>(Database.Services, options);
        var ids = new List<long>();
        for (var customer = 0; customer < 8; customer++)
        {
            var (conversationId, _) = await CustomerTextsAsync(from: "49151000000" + customer.ToString(System.Globalization.CultureInfo.InvariantCulture));
            ids.Add(await SendAsync(conversationId, new TextDraft("Ihr Rad ist fertig.")));
        }

        Graph.FailNext(GraphFailure.ServerError, r => r.IsSend, times: ids.Count);
        await worker.RunDueAsync();

        var now = Clock.GetUtcNow();
        var waits = new List<TimeSpan>();
        foreach (var id in ids)
        {
            var job = await JobAsync(id);
            job.State.ShouldBe(ChannelJobState.Queued);
            waits.Add(job.NextAttemptAt - now);
        }

        // The first backoff is 2 s; half of it may be random.
        waits.ShouldAllBe(w => w >= TimeSpan.FromSeconds(1) && w <= TimeSpan.FromSeconds(2));
        waits.Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task RetryAfter_LongerThanTheBackoff_IsHonoured_UpToTheLongestWait()
    {
        var (_, id) = await QueuedTextAsync();
        Graph.RetryAfter = TimeSpan.FromSeconds(45);
        Graph.FailNext(GraphFailure.TooManyRequests);

        await Worker.RunDueAsync();

        (await JobAsync(id)).NextAttemptAt.ShouldBe(Clock.GetUtcNow().AddSeconds(45));
        Clock.Advance(TimeSpan.FromSeconds(44));
        await Worker.RunDueAsync();
        MessageRequests.Count.ShouldBe(1);

        Graph.RetryAfter = TimeSpan.FromHours(2);
        Graph.FailNext(GraphFailure.TooManyRequests);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Worker.RunDueAsync();

        MessageRequests.Count.ShouldBe(2);
        (await JobAsync(id)).NextAttemptAt.ShouldBe(Clock.GetUtcNow().AddMinutes(5));
    }

    [Fact]
    public async Task TransientFailures_GiveUpAfterTenAttempts_WithTheBackoffCappedAtFiveMinutes()
    {
        var (_, id) = await QueuedTextAsync();
        Graph.FailNext(GraphFailure.ServerError, times: 50);
        var delays = new List<TimeSpan>();

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var next = await Worker.RunDueAsync();
            if (next is { } due)
            {
                delays.Add(due - Clock.GetUtcNow());
                Clock.Set(due);
            }
        }

        delays.Select(d => d.TotalSeconds).ShouldBe([2, 4, 8, 16, 32, 64, 128, 256, 300]);
        var job = await JobAsync(id);
        (job.State, job.Attempts).ShouldBe((ChannelJobState.Failed, 10));
        var failed = await MessageAsync(id);
        failed.Delivery.ShouldBe(DeliveryStatus.Failed);
        failed.DeliveryError.ShouldNotBeNull().ShouldStartWith("Gave up after 10 attempts: 131000");

        Clock.Advance(TimeSpan.FromHours(1));
        (await Worker.RunDueAsync()).ShouldBeNull();
        MessageRequests.Count.ShouldBe(10);
    }

    [Theory]
    [InlineData(GraphFailure.ReEngagementRequired, "131047: Re-engagement message")]
    [InlineData(GraphFailure.InvalidParameter, "100: Invalid parameter")]
    [InlineData(GraphFailure.ExpiredToken, "190: Error validating access token")]
    public async Task PermanentErrors_FailAtOnce_WithMetasReason_AndAreNeverRetried(GraphFailure failure, string reason)
    {
        var (_, id) = await QueuedTextAsync();
        Graph.FailNext(failure);

        (await Worker.RunDueAsync()).ShouldBeNull();

        var failed = await MessageAsync(id);
        failed.Delivery.ShouldBe(DeliveryStatus.Failed);
        failed.DeliveryError.ShouldNotBeNull().ShouldStartWith(reason);
        var job = await JobAsync(id);
        (job.State, job.Attempts).ShouldBe((ChannelJobState.Failed, 1));
        (await Database.Get<WhatsAppConnections>().ListAsync(As(Owner))).Single(c => c.InboxId == InboxId)
            .LastSendError.ShouldNotBeNull().ShouldStartWith(reason);

        Clock.Advance(TimeSpan.FromDays(1));
        (await Worker.RunDueAsync()).ShouldBeNull();
        MessageRequests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Restart_WithASendLeftRunning_MarksItUnconfirmed_AndNeverResendsIt_ButSendsWhatWasStillQueued()
    {
        var (_, interruptedId) = await QueuedTextAsync("Vor dem Neustart");
        var (otherConversationId, _) = await CustomerTextsAsync(from: "4915112345678");
        var queuedId = await SendAsync(otherConversationId, new TextDraft("Noch in der Warteschlange"));
        // The worker had claimed the first send (committed as running) when the process died.
        await using (var db = Database.CreateDbContext())
        {
            (await db.ChannelJobs.Where(j => j.MessageId == interruptedId)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ChannelJobState.Running).SetProperty(j => j.Attempts, 1))).ShouldBe(1);
        }

        await Worker.RecoverAsync();

        var job = await JobAsync(interruptedId);
        job.State.ShouldBe(ChannelJobState.Unconfirmed);
        var interrupted = await MessageAsync(interruptedId);
        interrupted.Delivery.ShouldBe(DeliveryStatus.Unconfirmed);
        interrupted.DeliveryError.ShouldNotBeNull().ShouldContain("restart");

        Clock.Advance(TimeSpan.FromMinutes(10));
        (await Worker.RunDueAsync()).ShouldBeNull();

        var send = Graph.Sends.ShouldHaveSingleItem();
        At(send.Json, "text", "body").ShouldBe("Noch in der Warteschlange");
        (await MessageAsync(queuedId)).Delivery.ShouldBe(DeliveryStatus.Sent);
        (await MessageAsync(interruptedId)).Delivery.ShouldBe(DeliveryStatus.Unconfirmed);
        (await JobAsync(interruptedId)).State.ShouldBe(ChannelJobState.Unconfirmed);
    }

    [Fact]
    public async Task Restart_WithAReadReceiptLeftRunning_DoesItAgain()
    {
        var (conversationId, incomingId) = await CustomerTextsAsync();
        await Conversations.MarkReadAsync(As(Owner), conversationId, incomingId);
        await using (var db = Database.CreateDbContext())
        {
            await db.ChannelJobs.Where(j => j.MessageId == incomingId)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ChannelJobState.Running).SetProperty(j => j.Attempts, 1));
        }

        await Worker.RecoverAsync();
        (await JobAsync(incomingId, ChannelJobKind.MarkRead)).State.ShouldBe(ChannelJobState.Queued);
        await Worker.RunDueAsync();

        Graph.ReadReceipts.ShouldHaveSingleItem();
        (await JobAsync(incomingId, ChannelJobKind.MarkRead)).State.ShouldBe(ChannelJobState.Done);
    }

    [Fact]
    public async Task MessagesOfOneConversation_LeaveInOrder_EvenWhenTheFirstWaitsForARetry_WhileOtherConversationsGoOn()
    {
        var (conversationId, first) = await QueuedTextAsync("Eins");
        var second = await SendAsync(conversationId, new TextDraft("Zwei"));
        var third = await SendAsync(conversationId, new TextDraft("Drei"));
        var (otherConversationId, _) = await CustomerTextsAsync(from: "4915112345678");
        var other = await SendAsync(otherConversationId, new TextDraft("Andere Unterhaltung"));
        Graph.FailNext(GraphFailure.ServerError, r => r.IsSend && r.Json.TryGetProperty("to", out var to) && to.GetString() == Customer);

        var next = await Worker.RunDueAsync();

        // The next thing to do is the head's retry; the sends behind it are not due before it (no busy loop).
        next.ShouldBe(Clock.GetUtcNow().AddSeconds(2));
        Graph.Sends.Select(s => At(s.Json, "text", "body")).ShouldBe(["Andere Unterhaltung"]);
        (await MessageAsync(other)).Delivery.ShouldBe(DeliveryStatus.Sent);
        foreach (var waiting in new[] { first, second, third })
        {
            (await MessageAsync(waiting)).Delivery.ShouldBe(DeliveryStatus.Queued);
        }

        Clock.Set(next.ShouldNotBeNull());
        (await Worker.RunDueAsync()).ShouldBeNull();

        Graph.Sends.Where(s => At(s.Json, "to") == Customer).Select(s => At(s.Json, "text", "body")).ShouldBe(["Eins", "Zwei", "Drei"]);
        foreach (var sent in new[] { first, second, third })
        {
            (await MessageAsync(sent)).Delivery.ShouldBe(DeliveryStatus.Sent);
        }
    }

    [Fact]
    public async Task ALongQueueBehindAWaitingHead_DoesNotHoldUpOtherConversations()
    {
        var (conversationId, head) = await QueuedTextAsync("Kopf");
        for (var i = 1; i <= 101; i++)
        {
            await SendAsync(conversationId, new TextDraft($"Nachricht {i}"));
        }

        var (otherConversationId, _) = await CustomerTextsAsync(from: "4915112345678");
        var other = await SendAsync(otherConversationId, new TextDraft("Andere Unterhaltung"));
        Graph.FailNext(GraphFailure.RateLimited, r => r.IsSend && r.Json.TryGetProperty("to", out var to) && to.GetString() == Customer);

        await Worker.RunDueAsync();

        (await MessageAsync(head)).Delivery.ShouldBe(DeliveryStatus.Queued);
        Graph.Sends.Select(s => At(s.Json, "text", "body")).ShouldBe(["Andere Unterhaltung"]);
        (await MessageAsync(other)).Delivery.ShouldBe(DeliveryStatus.Sent);
    }

    [Fact]
    public async Task RetrySend_RequeuesAFailedMessage_AndItIsSent()
    {
        var (conversationId, id) = await QueuedTextAsync();
        Graph.FailNext(GraphFailure.ReEngagementRequired);
        await Worker.RunDueAsync();
        (await MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Failed);

        await Conversations.RetrySendAsync(As(Owner), conversationId, id);

        var requeued = await MessageAsync(id);
        (requeued.Delivery, requeued.DeliveryError).ShouldBe((DeliveryStatus.Queued, (string?)null));
        (await JobAsync(id)).State.ShouldBe(ChannelJobState.Queued);
        await Worker.RunDueAsync();

        MessageRequests.Count.ShouldBe(2);
        var send = Graph.Sends.ShouldHaveSingleItem();
        var sent = await MessageAsync(id);
        (sent.Delivery, sent.ExternalId).ShouldBe((DeliveryStatus.Sent, send.MessageId));
        (await JobAsync(id)).State.ShouldBe(ChannelJobState.Done);
    }

    [Fact]
    public async Task RetrySend_OfAFailedText_AfterTheWindowClosed_IsRefused_AndSendsNothing()
    {
        var (conversationId, id) = await QueuedTextAsync();
        Graph.FailNext(GraphFailure.ReEngagementRequired);
        await Worker.RunDueAsync();
        Clock.Advance(TimeSpan.FromHours(25));

        var ex = await Should.ThrowAsync<DomainException>(() => Conversations.RetrySendAsync(As(Owner), conversationId, id));

        ex.Code.ShouldBe("whatsapp.window_closed");
        await Worker.RunDueAsync();
        Graph.Sends.ShouldBeEmpty();
        (await MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Failed);
        (await JobAsync(id)).State.ShouldBe(ChannelJobState.Failed);
    }

    [Fact]
    public async Task RetrySend_OfAMessageThatWasSent_IsRefused_AndSendsNothing()
    {
        var (conversationId, id) = await QueuedTextAsync();
        await Worker.RunDueAsync();

        var ex = await Should.ThrowAsync<DomainException>(() => Conversations.RetrySendAsync(As(Owner), conversationId, id));

        ex.Code.ShouldBe("message.not_retryable");
        await Worker.RunDueAsync();
        Graph.Sends.ShouldHaveSingleItem();
        (await MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Sent);
    }

    [Fact]
    public async Task OpeningTheConversation_QueuesOneReadReceipt_ForTheLatestCustomerMessage()
    {
        var (conversationId, _) = await CustomerTextsAsync("Erste");
        var (_, latest) = await CustomerTextsAsync("Zweite");
        var wamid = (await MessageAsync(latest)).ExternalId;

        await Conversations.MarkReadAsync(As(Owner), conversationId, latest);
        await Worker.RunDueAsync();

        var receipt = Graph.ReadReceipts.ShouldHaveSingleItem();
        receipt.Path.ShouldBe($"/{Graph.Version}/{PhoneNumberId}/messages");
        (At(receipt.Json, "messaging_product"), At(receipt.Json, "status"), At(receipt.Json, "message_id")).ShouldBe(("whatsapp", "read", wamid));
        (await JobAsync(latest, ChannelJobKind.MarkRead)).State.ShouldBe(ChannelJobState.Done);
        Graph.Sends.ShouldBeEmpty();

        // Reading it again queues nothing more.
        await Conversations.MarkReadAsync(As(Owner), conversationId, latest);
        await Worker.RunDueAsync();
        Graph.ReadReceipts.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ReadReceipt_WithAServerError_IsRetried()
    {
        var (conversationId, latest) = await CustomerTextsAsync();
        Graph.FailNext(GraphFailure.ServerError, r => r.IsReadReceipt);

        await Conversations.MarkReadAsync(As(Owner), conversationId, latest);
        var next = await Worker.RunDueAsync();

        Graph.ReadReceipts.ShouldBeEmpty();
        next.ShouldBe(Clock.GetUtcNow().AddSeconds(2));
        Clock.Set(next.ShouldNotBeNull());
        await Worker.RunDueAsync();
        Graph.ReadReceipts.ShouldHaveSingleItem();
    }
}

/// <summary>Sends that get no answer, with the Graph API client's timeout shortened to one second.</summary>
public abstract class ChannelJobWorkerTimeoutTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    // Each held request costs the whole timeout, so it is short; but the request after it must be answered within it
    // too, which at 1 s failed on a loaded 2-core machine.
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<GraphApiOptions>(o => o.Timeout = TimeSpan.FromSeconds(5));

    private IReadOnlyList<GraphRequest> MessageRequests => [.. Graph.Requests.Where(r => r.IsSend)];

    [Fact]
    public async Task SendWithoutAnswer_BecomesUnconfirmed_AfterExactlyOneRequest_AndIsNotResent()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var id = await SendAsync(conversationId, new TextDraft("Kommt das an?"));
        Graph.FailNext(GraphFailure.Timeout);

        (await Worker.RunDueAsync()).ShouldBeNull();

        MessageRequests.Count.ShouldBe(1);
        var job = await JobAsync(id);
        (job.State, job.Attempts).ShouldBe((ChannelJobState.Unconfirmed, 1));
        var message = await MessageAsync(id);
        message.Delivery.ShouldBe(DeliveryStatus.Unconfirmed);
        message.DeliveryError.ShouldNotBeNull().ShouldContain("may or may not have reached the customer");

        Clock.Advance(TimeSpan.FromHours(1));
        (await Worker.RunDueAsync()).ShouldBeNull();
        await Worker.RecoverAsync();
        await Worker.RunDueAsync();
        MessageRequests.Count.ShouldBe(1);
        (await MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Unconfirmed);
    }

    [Fact]
    public async Task UnconfirmedSend_BlocksNoLaterMessage_AndIsResentOnlyOnAnAgentsWord()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var first = await SendAsync(conversationId, new TextDraft("Erste"));
        var second = await SendAsync(conversationId, new TextDraft("Zweite"));
        Graph.FailNext(GraphFailure.Timeout);

        await Worker.RunDueAsync();

        (await MessageAsync(first)).Delivery.ShouldBe(DeliveryStatus.Unconfirmed);
        (await MessageAsync(second)).Delivery.ShouldBe(DeliveryStatus.Sent);

        await Conversations.RetrySendAsync(As(Owner), conversationId, first);
        await Worker.RunDueAsync();

        Graph.Sends.Select(s => s.Json.GetProperty("text").GetProperty("body").GetString()).ShouldBe(["Zweite", "Erste"]);
        (await MessageAsync(first)).Delivery.ShouldBe(DeliveryStatus.Sent);
    }

    [Fact]
    public async Task UploadWithoutAnswer_SendsNothing_AndIsTriedAgain()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var attachment = await Conversations.AttachAsync(As(Owner), conversationId, new MemoryStream(Png()), "foto.png", "image/png");
        var id = await SendAsync(conversationId, new AttachmentDraft(attachment.Id, null));
        Graph.FailNext(GraphFailure.Timeout, pathContains: "/media");

        var next = await Worker.RunDueAsync();

        MessageRequests.ShouldBeEmpty();
        (await JobAsync(id)).State.ShouldBe(ChannelJobState.Queued);
        (await MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Queued);
        Clock.Set(next.ShouldNotBeNull());
        await Worker.RunDueAsync();

        Graph.Requests.Count(r => r.Path.EndsWith("/media", StringComparison.Ordinal)).ShouldBe(2);
        Graph.Sends.ShouldHaveSingleItem().Json.GetProperty("image").GetProperty("id").GetString().ShouldBe(Graph.Uploads.Single().Key);
        (await MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Sent);
    }

    [Fact]
    public async Task ReadReceiptWithoutAnswer_IsTriedAgain()
    {
        var (conversationId, latest) = await CustomerTextsAsync();
        Graph.FailNext(GraphFailure.Timeout, r => r.IsReadReceipt);
        await Conversations.MarkReadAsync(As(Owner), conversationId, latest);

        var next = await Worker.RunDueAsync();

        (await JobAsync(latest, ChannelJobKind.MarkRead)).State.ShouldBe(ChannelJobState.Queued);
        Clock.Set(next.ShouldNotBeNull());
        await Worker.RunDueAsync();
        Graph.ReadReceipts.ShouldHaveSingleItem();
    }
}

public sealed class SqliteChannelJobWorkerTests() : ChannelJobWorkerTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresChannelJobWorkerTests(PostgresServer postgres) : ChannelJobWorkerTests(DatabaseProvider.Postgres, postgres);

public sealed class SqliteChannelJobWorkerTimeoutTests() : ChannelJobWorkerTimeoutTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresChannelJobWorkerTimeoutTests(PostgresServer postgres) : ChannelJobWorkerTimeoutTests(DatabaseProvider.Postgres, postgres);
