using BizInbox.Web.Realtime;
using BizInbox.Web.Features;
using BizInbox.Web.Ui;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>What a screen watching its own member's topic hears.</summary>
public sealed class LiveUpdatesTests : InboxComponentTest
{
    [Fact]
    public async Task WatchMyself_HearsMentions_ButNotTheSignalsAboutAccess()
    {
        var me = await SignInAsync();
        var heard = new List<ChangeKind>();
        var mentioned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = await new LiveUpdates(Get<IInboxEventBus>()).WatchMyselfAsync(User, change =>
        {
            lock (heard)
            {
                heard.Add(change.Kind);
            }

            if (change.Kind == ChangeKind.MentionReceived)
            {
                mentioned.TrySetResult();
            }

            return Task.CompletedTask;
        });

        // A screen that reloaded on these would act as a member who may be gone, and its refusal would end the circuit.
        Get<LiveSignals>().MemberChanged(me.Id);
        Get<LiveSignals>().SessionsEnded(me.Id);
        Get<IInboxEventBus>().Publish(new InboxChange(ChangeKind.MentionReceived, 1, 1), Topics.User(me.Id));

        await mentioned.Task.WaitAsync(TimeSpan.FromSeconds(10));
        lock (heard)
        {
            heard.ShouldBe([ChangeKind.MentionReceived]);
        }
    }
}
