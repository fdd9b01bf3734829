using System.Net;
using System.Text;
using BizInbox.Domain.Conversations;
using BizInbox.Tests.Support;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Channels.WhatsApp;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>
/// Statuses of the business's messages, duplicates and refused bodies, through the real webhook endpoint.
/// (Unsigned bodies, bodies over 3 MB with a Content-Length and malformed JSON are in <see cref="WebhookEndpointTests"/>.)
/// </summary>
public sealed class WebhookStatusTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private static readonly DateTimeOffset SentAt = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A customer who wrote, and an agent's message to them in <paramref name="delivery"/>, named <c>wamid.OUT-{customer}</c>.</summary>
    private async Task<(string Customer, string Wamid, long MessageId)> AgentMessageAsync(DeliveryStatus delivery, bool named = true)
    {
        var customer = WebhookApp.NewCustomer();
        await app.CustomerWritesAsync(customer);
        var wamid = "wamid.OUT-" + customer;
        var id = await app.AgentMessageAsync(customer, named ? wamid : null, delivery);
        return (customer, wamid, id);
    }

    [Fact]
    public async Task SentDeliveredRead_MoveTheMessageForward()
    {
        var (customer, wamid, id) = await AgentMessageAsync(DeliveryStatus.Queued);
        (await app.MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Queued);

        await app.DeliverAsync(Statuses(Status(wamid, "sent", customer, SentAt)));
        (await app.MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Sent);

        await app.DeliverAsync(Statuses(Status(wamid, "delivered", customer, SentAt.AddSeconds(2))));
        (await app.MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Delivered);

        await app.DeliverAsync(Statuses(Status(wamid, "read", customer, SentAt.AddMinutes(3))));
        var read = await app.MessageAsync(id);
        (read.Delivery, read.DeliveryError).ShouldBe((DeliveryStatus.Read, (string?)null));
    }

    [Fact]
    public async Task Failed_StoresMetasErrorCodeAndTitleOnTheMessage()
    {
        var (customer, wamid, id) = await AgentMessageAsync(DeliveryStatus.Sent);

        await app.DeliverAsync(Statuses(FailedStatus(wamid, customer, SentAt.AddSeconds(1), 131047, "Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer last replied to this number.")));

        var failed = await app.MessageAsync(id);
        failed.Delivery.ShouldBe(DeliveryStatus.Failed);
        failed.DeliveryError.ShouldNotBeNull();
        failed.DeliveryError.ShouldStartWith("131047: Re-engagement message");
        failed.DeliveryError.ShouldContain("more than 24 hours");
    }

    [Fact]
    public async Task ReadThenDelivered_InTwoWebhooks_StaysRead_AndALateFailureIsShownWithoutUndoingIt()
    {
        var (customer, wamid, id) = await AgentMessageAsync(DeliveryStatus.Sent);

        await app.DeliverAsync(Statuses(Status(wamid, "read", customer, SentAt.AddMinutes(2))));
        await app.DeliverAsync(Statuses(Status(wamid, "delivered", customer, SentAt.AddMinutes(1))));
        await app.DeliverAsync(Statuses(FailedStatus(wamid, customer, SentAt.AddMinutes(3), 131000, "Something went wrong", "Unknown error.")));

        var message = await app.MessageAsync(id);
        message.Delivery.ShouldBe(DeliveryStatus.Read);
        message.DeliveryError.ShouldNotBeNull().ShouldContain("Something went wrong");
    }

    [Fact]
    public async Task PlayedVoiceMessage_ShowsPlayed()
    {
        var (customer, wamid, id) = await AgentMessageAsync(DeliveryStatus.Sent);

        await app.DeliverAsync(Statuses(Status(wamid, "read", customer, SentAt.AddMinutes(1)), Status(wamid, "played", customer, SentAt.AddMinutes(2))));

        (await app.MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Played);
    }

    [Fact]
    public async Task StatusesInOneWebhook_AreAppliedInTheOrderTheyHappened_NotTheOrderListed()
    {
        // The send got no answer; only the "sent" status names our reference, and it is listed last.
        var (customer, _, id) = await AgentMessageAsync(DeliveryStatus.Unconfirmed, named: false);
        var wamid = "wamid.ORDER-" + customer;

        await app.DeliverAsync(Statuses(
            Status(wamid, "read", customer, SentAt.AddMinutes(5)),
            Status(wamid, "delivered", customer, SentAt.AddSeconds(3)),
            Status(wamid, "sent", customer, SentAt, callbackData: WhatsAppOutbound.CallbackData(id))));

        var message = await app.MessageAsync(id);
        (message.Delivery, message.ExternalId).ShouldBe((DeliveryStatus.Read, wamid));
    }

    [Fact]
    public async Task StatusNamingOurReference_SettlesAnUnconfirmedSend_AndLaterStatusesFindItByWamid()
    {
        var (customer, _, id) = await AgentMessageAsync(DeliveryStatus.Unconfirmed, named: false);
        var unconfirmed = await app.MessageAsync(id);
        (unconfirmed.Delivery, unconfirmed.ExternalId).ShouldBe((DeliveryStatus.Unconfirmed, (string?)null));
        const string wamid = "wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEkFBQkJDQ0RERUVGRjAwMTEyMgA=";

        await app.DeliverAsync(Statuses(Status(wamid, "sent", customer, SentAt, callbackData: WhatsAppOutbound.CallbackData(id))));

        var settled = await app.MessageAsync(id);
        (settled.Delivery, settled.ExternalId, settled.DeliveryError).ShouldBe((DeliveryStatus.Sent, wamid, (string?)null));

        // Meta echoes the reference on every status; a later one without it still finds the message by its wamid.
        await app.DeliverAsync(Statuses(Status(wamid, "delivered", customer, SentAt.AddSeconds(4))));
        (await app.MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Delivered);
    }

    [Fact]
    public async Task StatusNamingOurReference_ClosesTheUnconfirmedSendJob()
    {
        var (customer, _, id) = await AgentMessageAsync(DeliveryStatus.Unconfirmed, named: false);
        await using (var db = app.CreateDbContext())
        {
            var message = await db.Messages.SingleAsync(m => m.Id == id);
            var job = ChannelJob.For(ChannelJobKind.SendMessage, app.InboxId, message.ConversationId, message, SentAt);
            job.Started(SentAt);
            job.Unconfirmed(SentAt.AddSeconds(30), "No answer.");
            db.ChannelJobs.Add(job);
            await db.SaveChangesAsync();
        }

        await app.DeliverAsync(Statuses(Status("wamid.SETTLE-" + customer, "delivered", customer, SentAt.AddSeconds(40), callbackData: WhatsAppOutbound.CallbackData(id))));

        var send = (await app.JobsAsync(id)).Single(j => j.Kind == ChannelJobKind.SendMessage);
        send.State.ShouldBe(ChannelJobState.Done);
        (await app.MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Delivered);
    }

    [Fact]
    public async Task FailedStatusNamingOurReference_FailsAnUnconfirmedSend_WithMetasReason()
    {
        var (customer, _, id) = await AgentMessageAsync(DeliveryStatus.Unconfirmed, named: false);

        await app.DeliverAsync(Statuses(FailedStatus("wamid.FAILED-" + customer, customer, SentAt, 131026, "Message undeliverable",
            "Unable to deliver message.", callbackData: WhatsAppOutbound.CallbackData(id))));

        var failed = await app.MessageAsync(id);
        (failed.Delivery, failed.ExternalId).ShouldBe((DeliveryStatus.Failed, "wamid.FAILED-" + customer));
        failed.DeliveryError.ShouldNotBeNull().ShouldStartWith("131026: Message undeliverable");
    }

    [Fact]
    public async Task StatusOfAnUnknownMessage_IsAcknowledged_AndChangesNothing()
    {
        var (customer, wamid, id) = await AgentMessageAsync(DeliveryStatus.Sent);

        await app.DeliverAsync(Statuses(
            Status("wamid.SENT-FROM-ANOTHER-TOOL", "read", customer, SentAt),
            Status(wamid + "-other", "delivered", customer, SentAt, callbackData: "crm:4711")));

        (await app.MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Sent);
    }

    [Fact]
    public async Task DuplicateStatus_DeliveredTwice_ChangesNothingTheSecondTime()
    {
        var (customer, wamid, id) = await AgentMessageAsync(DeliveryStatus.Sent);
        var delivered = Statuses(Status(wamid, "delivered", customer, SentAt.AddSeconds(2)));

        await app.DeliverAsync(delivered);
        await app.DeliverAsync(delivered);

        (await app.MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Delivered);
    }

    [Fact]
    public async Task DuplicateMediaMessage_DeliveredSequentially_IsStoredOnce_WithOneFetch()
    {
        var customer = WebhookApp.NewCustomer();
        var body = Inbound(customer, "Sheena Nelson", Message("wamid.IMG-" + customer, customer, "image",
            """{"mime_type":"image/jpeg","sha256":"c2b5f3a7e1d94b8a","id":"1479537139650980"}"""));

        await app.DeliverAsync(body);
        await app.DeliverAsync(body);

        var stored = (await app.IncomingAsync(customer)).ShouldHaveSingleItem();
        (await app.JobsAsync(stored.Id)).Count(j => j.Kind == ChannelJobKind.FetchMedia).ShouldBe(1);
    }

    [Fact]
    public async Task SameMessage_PostedTwelveTimesInParallel_IsStoredOnce_ForOneContact_WithOneFetch()
    {
        var customer = WebhookApp.NewCustomer();
        var body = Inbound(customer, "Sheena Nelson", Message("wamid.PAR-" + customer, customer, "image",
            """{"caption":"Das Schloss klemmt","mime_type":"image/jpeg","sha256":"c2b5f3a7e1d94b8a","id":"1479537139650981"}"""));
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await app.PostAsync(body);
        })).ToList();

        go.SetResult();
        var responses = await Task.WhenAll(posts).WaitAsync(TimeSpan.FromSeconds(30));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var stored = (await app.IncomingAsync(customer)).ShouldHaveSingleItem();
        stored.ExternalId.ShouldBe("wamid.PAR-" + customer);
        (await app.ContactsAsync(customer)).ShouldHaveSingleItem();
        (await app.JobsAsync(stored.Id)).Count(j => j.Kind == ChannelJobKind.FetchMedia).ShouldBe(1);
    }

    [Fact]
    public async Task BodyOver3MB_WithoutContentLength_IsRefusedWith413_AndNothingIsStored()
    {
        var customer = WebhookApp.NewCustomer();
        var huge = Encoding.UTF8.GetBytes(Inbound(customer, "Sheena Nelson",
            Text("wamid.HUGE-" + customer, customer, new string('x', WhatsAppWebhookEndpoints.MaxBodyBytes))));

        var response = await app.PostAsync(huge, chunked: true);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await app.TimelineAsync(customer)).ShouldBeEmpty();
        (await app.ContactsAsync(customer)).ShouldBeEmpty();
    }

    [Fact]
    public async Task BodyJustUnder3MB_IsTaken()
    {
        var customer = WebhookApp.NewCustomer();
        var text = new string('x', 4000);
        // Whitespace after the JSON's last brace is allowed: the body is exactly at the limit.
        var json = Inbound(customer, "Sheena Nelson", Text("wamid.BIG-" + customer, customer, text));
        var body = Encoding.UTF8.GetBytes(json + new string(' ', WhatsAppWebhookEndpoints.MaxBodyBytes - Encoding.UTF8.GetByteCount(json)));
        body.Length.ShouldBe(WhatsAppWebhookEndpoints.MaxBodyBytes);

        (await app.PostAsync(body, chunked: true)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.IncomingAsync(customer)).ShouldHaveSingleItem().Text.ShouldBe(text);
    }

    [Fact]
    public async Task SignatureOfAnotherBody_IsRefusedWith401_AndNothingIsStored()
    {
        var customer = WebhookApp.NewCustomer();
        var original = Inbound(customer, "Sheena Nelson", Text("wamid.ORIG-" + customer, customer, "Hallo"));
        var tampered = original.Replace("Hallo", "Bitte überweisen Sie an IBAN DE00…", StringComparison.Ordinal);

        var response = await app.PostAsync(Encoding.UTF8.GetBytes(tampered), WebhookSignature.Sign(Encoding.UTF8.GetBytes(original), WebhookApp.AppSecret));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.TimelineAsync(customer)).ShouldBeEmpty();
        (await app.ContactsAsync(customer)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SignedWithAnotherAppSecret_IsRefusedWith401_AndNothingIsStored()
    {
        var customer = WebhookApp.NewCustomer();
        var body = Encoding.UTF8.GetBytes(Inbound(customer, "Sheena Nelson", Text("wamid.OTHER-" + customer, customer, "Hallo")));

        var response = await app.PostAsync(body, WebhookSignature.Sign(body, "another-apps-secret"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.ContactsAsync(customer)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha1=5d1e6b0a8b0e4e0f2d3c4b5a69788796a5b4c3d2")]
    [InlineData("sha256=not-hex")]
    public async Task UnsignedOrBadlySignedStatus_IsRefusedWith401_AndChangesNoDelivery(string? signature)
    {
        var (customer, wamid, id) = await AgentMessageAsync(DeliveryStatus.Sent);

        var response = await app.PostAsync(Statuses(FailedStatus(wamid, customer, SentAt, 131047, "Re-engagement message", "Forged.")), signature);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var message = await app.MessageAsync(id);
        (message.Delivery, message.DeliveryError).ShouldBe((DeliveryStatus.Sent, (string?)null));
    }
}
