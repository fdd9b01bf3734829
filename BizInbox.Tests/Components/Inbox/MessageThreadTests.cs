using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.Inbox;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BizInbox.Tests.Components.Inbox;

public sealed class MessageThreadTests : ComponentTest
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync();
    }

    private static ThreadMessage Message(long id, DateTimeOffset at) =>
        new(id, MessageKind.Incoming, $"Nachricht {id}", "Clara", null, at, DeliveryStatus.None, ActivityKind.None, null);

    [Fact]
    public void IsTheMessagesLog_WithADaySeparatorWhereTheDayChanges()
    {
        var thread = Render<MessageThread>(p => p.Add(t => t.Messages,
            [Message(1, Monday), Message(2, Monday.AddMinutes(5)), Message(3, Monday.AddDays(1))]));

        var log = thread.Find("[role=log]");
        log.GetAttribute("aria-label").ShouldBe("Messages");
        thread.FindAll("[role=separator]").Count.ShouldBe(2);
        thread.FindAll("article").Count.ShouldBe(3);
    }

    [Fact]
    public void AMessageThatCannotBeRendered_ShowsALine_AndTheOthersStillShow()
    {
        // An order whose stored lines are missing makes its bubble throw while rendering.
        var broken = Message(2, Monday.AddMinutes(1)) with { ContentType = MessageContentType.Order, Content = """{"items":null}""" };

        var thread = Render<MessageThread>(p => p.Add(t => t.Messages, [Message(1, Monday), broken, Message(3, Monday.AddMinutes(2))]));

        var shown = thread.FindAll("article").Select(a => a.TextContent).ToList();
        shown.Count.ShouldBe(2);
        shown.ShouldContain(t => t.Contains("Nachricht 1"));
        shown.ShouldContain(t => t.Contains("Nachricht 3"));
        thread.Find("[data-message='2']").TextContent.ShouldBe("This message cannot be shown.");
    }

    [Fact]
    public void LoadOlder_IsOfferedOnlyWhenThereAreOlderMessages_AndAsksForThem()
    {
        var asked = 0;
        var thread = Render<MessageThread>(p => p
            .Add(t => t.Messages, [Message(5, Monday)])
            .Add(t => t.HasOlder, true)
            .Add(t => t.OnLoadOlder, EventCallback.Factory.Create(this, () => asked++)));

        thread.FindAll("button").Single(b => b.TextContent.Contains("Load older messages")).Click();
        asked.ShouldBe(1);

        thread.Render(p => p.Add(t => t.HasOlder, false));
        thread.FindAll("button").ShouldNotContain(b => b.TextContent.Contains("Load older messages"));
    }

    [Fact]
    public void OpensAtTheNewest_AndJumpsThereAgainWhenAsked_EvenIfTheReaderScrolledUp()
    {
        var follow = JSInterop.SetupVoid("bizInbox.thread.followBottom", _ => true);
        var thread = Render<MessageThread>(p => p.Add(t => t.Messages, [Message(1, Monday)]));
        follow.Invocations.Single().Arguments[1].ShouldBe(true);

        thread.Render(p => p.Add(t => t.Messages, [Message(1, Monday), Message(2, Monday)]));
        follow.Invocations.Last().Arguments[1].ShouldBe(false);

        thread.Render(p => p.Add(t => t.JumpToNewest, 1));
        follow.Invocations.Last().Arguments[1].ShouldBe(true);
    }

    [Fact]
    public async Task Disposing_AfterTheCircuitIsGone_ThrowsNothing()
    {
        JSInterop.SetupVoid("bizInbox.thread.forget", _ => true).SetException(new Microsoft.JSInterop.JSDisconnectedException("gone"));
        var thread = Render<MessageThread>(p => p.Add(t => t.Messages, [Message(1, Monday)]));

        await Should.NotThrowAsync(async () => await thread.Instance.DisposeAsync());
    }

    [Fact]
    public void ABubble_DrawsAgainOnlyWhenItsMessageChanged()
    {
        var (first, second) = (Message(1, Monday), Message(2, Monday.AddMinutes(1)));
        var thread = Render<MessageThread>(p => p.Add(t => t.Messages, [first]));

        thread.Render(p => p.Add(t => t.Messages, [first, second]));
        var bubbles = thread.FindComponents<MessageBubble>();
        bubbles.Select(b => b.RenderCount).ShouldBe([1, 1]);

        // A message that changed is a new record (a delivery state, a reaction): only its bubble draws again.
        thread.Render(p => p.Add(t => t.Messages, [first with { CustomerReaction = "👍" }, second]));
        bubbles.Select(b => b.RenderCount).ShouldBe([2, 1]);
        thread.Find("[data-message='1'] [data-role=reaction]").TextContent.ShouldBe("👍");

        // So does every bubble when the channel's window closes (no "send again" outside it).
        thread.Render(p => p.Add(t => t.CanSendFreeForm, false));
        bubbles.Select(b => b.RenderCount).ShouldBe([3, 2]);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void PastTwoPages_AReaderAtTheNewestLetsTheOlderGo_OneWhoScrolledUpKeepsThem(bool atBottom, int raised)
    {
        JSInterop.Setup<bool?>("bizInbox.thread.atBottom", _ => true).SetResult(atBottom);
        var following = 0;
        var pages = Enumerable.Range(1, 2 * ThreadQueries.PageSize).Select(i => Message(i, Monday.AddMinutes(i))).ToList();
        var thread = Render<MessageThread>(p => p
            .Add(t => t.Messages, pages)
            .Add(t => t.OnFollowingNewest, EventCallback.Factory.Create(this, () => following++)));
        // Two pages are kept whatever the reader does: where they are is not even asked.
        JSInterop.Invocations["bizInbox.thread.atBottom"].ShouldBeEmpty();

        thread.Render(p => p.Add(t => t.Messages, [.. pages, Message(101, Monday.AddHours(3))]));

        JSInterop.Invocations["bizInbox.thread.atBottom"].Count.ShouldBe(1);
        following.ShouldBe(raised);
    }

    [Fact]
    public void TheTopOfTheThread_IsObservedOncePerSentinel_NotAfterEveryRender()
    {
        int Observed() => JSInterop.Invocations.Count(i => i.Identifier == "bizInbox.thread.observeTop");
        var thread = Render<MessageThread>(p => p.Add(t => t.Messages, [Message(5, Monday)]).Add(t => t.HasOlder, true));
        Observed().ShouldBe(1);

        thread.Render(p => p.Add(t => t.Messages, [Message(5, Monday), Message(6, Monday.AddMinutes(1))]));
        thread.Render(p => p.Add(t => t.Messages, [Message(5, Monday), Message(6, Monday.AddMinutes(1)), Message(7, Monday.AddMinutes(2))]));
        Observed().ShouldBe(1);

        thread.Render(p => p.Add(t => t.HasOlder, false));
        thread.Render(p => p.Add(t => t.HasOlder, true));
        Observed().ShouldBe(2, "the sentinel came back as a new element, which the browser must observe again");
    }
}
