using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.Inbox;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>A customer's reply to a particular message (<c>context.id</c>) is linked to it, whatever its type, and quotes it in the thread.</summary>
public sealed class WebhookReplyContextTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private async Task<ThreadMessage> ReplyInThreadAsync(string customer, string wamid)
    {
        var conversation = await app.ConversationAsync(customer);
        var thread = await app.Service<ThreadQueries>().MessagesAsync(conversation.Id, null);
        return thread.Messages.Single(m => m.ExternalId == wamid);
    }

    [Theory]
    [InlineData("text", """{"body":"Ja, bitte"}""")]
    [InlineData("image", """{"mime_type":"image/jpeg","sha256":"c2b5f3a7e1d94b8a","id":"1479537139650973"}""")]
    [InlineData("location", """{"latitude":53.55,"longitude":9.99,"name":"Laden"}""")]
    [InlineData("interactive", """{"type":"button_reply","button_reply":{"id":"slot-1","title":"Heute"}}""")]
    [InlineData("button", """{"payload":"CONFIRM","text":"Ja, passt"}""")]
    public async Task AReplyOfAnyType_QuotesTheMessageItAnswers(string type, string part)
    {
        var customer = WebhookApp.NewCustomer();
        await app.CustomerWritesAsync(customer);
        var ours = "wamid.OURS-" + customer;
        var asked = await app.AgentMessageAsync(customer, ours, DeliveryStatus.Sent, "Wann können Sie das Rad abholen?");
        var reply = "wamid.REPLY-" + customer;

        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Message(reply, customer, type, part, repliedTo: ours)));

        (await app.IncomingAsync(customer)).Single(m => m.ExternalId == reply).ReplyToExternalId.ShouldBe(ours);
        var quote = (await ReplyInThreadAsync(customer, reply)).Quote.ShouldNotBeNull();
        (quote.MessageId, quote.Kind, quote.Text, quote.SenderName).ShouldBe((asked, MessageKind.Outgoing, "Wann können Sie das Rad abholen?", "Olga Owner"));
    }

    [Fact]
    public async Task AReplyToAnEarlierCustomerMessage_QuotesTheCustomer()
    {
        var customer = WebhookApp.NewCustomer();
        var first = "wamid.FIRST-" + customer;
        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Text(first, customer, "Mein Rad quietscht")));
        var second = "wamid.SECOND-" + customer;

        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Message(second, customer, "text", """{"body":"Immer noch"}""", repliedTo: first)));

        var quote = (await ReplyInThreadAsync(customer, second)).Quote.ShouldNotBeNull();
        (quote.Kind, quote.Text).ShouldBe((MessageKind.Incoming, "Mein Rad quietscht"));
    }

    [Fact]
    public async Task AReplyToAMessageThisConversationNeverHad_SaysSo_InsteadOfQuotingAnotherCustomersMessage()
    {
        var someoneElse = WebhookApp.NewCustomer();
        var theirs = "wamid.THEIRS-" + someoneElse;
        await app.DeliverAsync(Inbound(someoneElse, "Other", Text(theirs, someoneElse, "Nur für mich")));
        var customer = WebhookApp.NewCustomer();
        var reply = "wamid.R-" + customer;

        await app.DeliverAsync(Inbound(customer, "Sheena Nelson", Message(reply, customer, "text", """{"body":"?"}""", repliedTo: theirs)));

        var quote = (await ReplyInThreadAsync(customer, reply)).Quote.ShouldNotBeNull();
        (quote.MessageId, quote.Text).ShouldBe(((long?)null, string.Empty));
    }
}
