using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels;
using BizInbox.Web.Features.Inbox;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>The quote above a customer's reply: who wrote the answered message, what it was, and a way there.</summary>
public sealed class ReplyQuoteTests : ComponentTest
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync();
    }

    public static TheoryData<MessageContentType, string, string?, string> Quotes => new()
    {
        { MessageContentType.Text, "Ist Ihr Rad schon abgeholt?", null, "Anna Agent Ist Ihr Rad schon abgeholt?" },
        { MessageContentType.Image, "[Image]", MessageContents.Write(new MediaContent("1", "image/jpeg", null, null)), "Anna Agent Picture" },
        { MessageContentType.Image, "[Image] Rahmen", MessageContents.Write(new MediaContent("1", "image/jpeg", "Rahmen", null)), "Anna Agent Picture: Rahmen" },
        { MessageContentType.Template, "Ihre Bestellung ist da", MessageContents.Write(new TemplateContent(3, "order_ready", "de", [])), "Anna Agent Template: order_ready" },
        { MessageContentType.Buttons, "Wann passt es?", MessageContents.Write(new ButtonsContent("Wann passt es?", [new ReplyButton("a", "Heute")])), "Anna Agent Wann passt es?" },
        { MessageContentType.Document, "[Document]", MessageContents.Write(new MediaContent("1", "application/pdf", null, "rechnung.pdf")), "Anna Agent Document: rechnung.pdf" },
    };

    [Theory]
    [MemberData(nameof(Quotes))]
    public void ShowsWhoWroteTheAnsweredMessage_AndWhatItWas(MessageContentType type, string text, string? content, string shown)
    {
        var quote = Render<ReplyQuote>(p => p.Add(q => q.Quote, new MessageQuote(5, MessageKind.Outgoing, type, text, content, "Anna Agent")));

        quote.Find("[data-role=quote]").TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ShouldBe(shown.Split(' '));
    }

    [Fact]
    public void ALongText_IsCutToAnExcerpt_AndTheCustomersOwnMessageIsTheirs()
    {
        var quote = Render<ReplyQuote>(p => p.Add(q => q.Quote, new MessageQuote(5, MessageKind.Incoming, MessageContentType.Text, new string('x', 500), null, null)));

        quote.Find(".bi-quote-author").TextContent.ShouldBe("Customer");
        quote.Find(".bi-quote-text").TextContent.ShouldBe(new string('x', 120) + "…");
    }

    [Fact]
    public void ClickingTheQuote_AsksToShowTheAnsweredMessage()
    {
        long? shown = null;
        var quote = Render<ReplyQuote>(p => p
            .Add(q => q.Quote, new MessageQuote(5, MessageKind.Outgoing, MessageContentType.Text, "Frage", null, "Anna Agent"))
            .Add(q => q.OnShow, EventCallback.Factory.Create<long>(this, id => shown = id)));

        quote.Find("button[data-role=quote]").Click();

        shown.ShouldBe(5);
    }

    [Fact]
    public void AnAnsweredMessageNotInTheConversation_IsNamedSo_WithNothingToClick()
    {
        var quote = Render<ReplyQuote>(p => p.Add(q => q.Quote, new MessageQuote(null, MessageKind.Outgoing, MessageContentType.Text, string.Empty, null, null)));

        quote.FindAll("button").ShouldBeEmpty();
        quote.Find("[data-role=quote]").TextContent.Trim().ShouldBe("Reply to a message that is not in this conversation");
    }

    [Fact]
    public void InTheThread_AQuotedMessageNotLoadedYet_IsLoadedBeforeTheThreadScrollsThere()
    {
        var asked = new List<long>();
        var reply = new ThreadMessage(60, MessageKind.Incoming, "Ja, gerne", "Clara", null, Monday, DeliveryStatus.None, ActivityKind.None, null,
            Quote: new MessageQuote(3, MessageKind.Outgoing, MessageContentType.Text, "Frage", null, "Anna Agent"));
        var thread = Render<MessageThread>(p => p
            .Add(t => t.Messages, [reply])
            .Add(t => t.HasOlder, true)
            .Add(t => t.OnLoadUntil, EventCallback.Factory.Create<long>(this, id => asked.Add(id))));

        thread.Find("button[data-role=quote]").Click();

        asked.ShouldBe([3]);
    }
}
