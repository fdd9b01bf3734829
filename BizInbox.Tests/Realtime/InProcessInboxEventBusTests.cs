using BizInbox.Web.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace BizInbox.Tests.Realtime;

public sealed class InProcessInboxEventBusTests : IDisposable
{
    private readonly InProcessInboxEventBus _bus = new(NullLogger<InProcessInboxEventBus>.Instance);

    public void Dispose() => _bus.Dispose();

    private static InboxChange Change(long conversationId, ChangeKind kind = ChangeKind.MessageAdded) => new(kind, conversationId, 1);

    [Fact]
    public async Task Publish_DeliversToTheSubscribersOfItsTopicsOnly()
    {
        var first = new ChangeRecorder();
        var second = new ChangeRecorder();
        var everything = new ChangeRecorder();
        var user = new ChangeRecorder();
        using var s1 = _bus.Subscribe(Topics.Conversation(1), first.Handle);
        using var s2 = _bus.Subscribe(Topics.Conversation(2), second.Handle);
        using var s3 = _bus.Subscribe(Topics.AllInboxes, everything.Handle);
        using var s4 = _bus.Subscribe(Topics.User("anna"), user.Handle);

        _bus.Publish(Change(1), Topics.Conversation(1), Topics.Inbox(1), Topics.AllInboxes);
        _bus.Publish(Change(2), Topics.Conversation(2));
        _bus.Publish(Change(3), Topics.Conversation(3), Topics.User("ben"));
        _bus.Publish(Change(1, ChangeKind.ReadStateChanged), Topics.User("anna"), Topics.User("anna"));
        _bus.Publish(ChangeRecorder.Fence(), Topics.Conversation(1), Topics.Conversation(2), Topics.AllInboxes, Topics.User("anna"));

        foreach (var recorder in new[] { first, second, everything, user })
        {
            await recorder.HeardAsync(ChangeRecorder.Fence());
        }

        first.Changes.ShouldBe([Change(1)]);
        second.Changes.ShouldBe([Change(2)]);
        everything.Changes.ShouldBe([Change(1)]);
        // A topic named twice in one publish still delivers once.
        user.Changes.ShouldBe([Change(1, ChangeKind.ReadStateChanged)]);
    }

    [Fact]
    public async Task Publish_ToSeveralTopicsOfOneSubscriber_DeliversToEachSubscription()
    {
        var recorder = new ChangeRecorder();
        using var byConversation = _bus.Subscribe(Topics.Conversation(1), recorder.Handle);
        using var byInbox = _bus.Subscribe(Topics.Inbox(1), recorder.Handle);

        _bus.Publish(Change(1), Topics.Conversation(1), Topics.Inbox(1));
        _bus.Publish(ChangeRecorder.Fence(), Topics.Inbox(1));

        await recorder.HeardAsync(ChangeRecorder.Fence());
        recorder.Changes.ShouldBe([Change(1), Change(1)]);
    }

    [Fact]
    public async Task DisposingASubscription_StopsItsDeliveryOnly()
    {
        var gone = new ChangeRecorder();
        var staying = new ChangeRecorder();
        var subscription = _bus.Subscribe(Topics.Conversation(1), gone.Handle);
        using var other = _bus.Subscribe(Topics.Conversation(1), staying.Handle);
        _bus.Publish(Change(1), Topics.Conversation(1));
        await gone.HeardAsync(Change(1));

        subscription.Dispose();
        subscription.Dispose(); // twice is harmless
        _bus.Publish(Change(1, ChangeKind.ConversationChanged), Topics.Conversation(1));
        _bus.Publish(ChangeRecorder.Fence(), Topics.Conversation(1));

        await staying.HeardAsync(ChangeRecorder.Fence());
        staying.Changes.ShouldBe([Change(1), Change(1, ChangeKind.ConversationChanged)]);
        gone.Received.ShouldBe([Change(1)]);
        _bus.SubscriberCount(Topics.Conversation(1)).ShouldBe(1);

        other.Dispose();
        _bus.SubscriberCount(Topics.Conversation(1)).ShouldBe(0);
    }

    [Fact]
    public async Task AFailingSubscriber_DoesNotStopTheOthers()
    {
        var calls = 0;
        var healthy = new ChangeRecorder();
        using var throwsAtOnce = _bus.Subscribe(Topics.Conversation(1), _ =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("a broken screen");
        });
        using var failsLater = _bus.Subscribe(Topics.Conversation(1), async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("a screen that broke while handling");
        });
        using var works = _bus.Subscribe(Topics.Conversation(1), healthy.Handle);

        _bus.Publish(Change(1), Topics.Conversation(1));
        _bus.Publish(Change(1, ChangeKind.ConversationChanged), Topics.Conversation(1));

        await healthy.HeardAsync(Change(1, ChangeKind.ConversationChanged));
        healthy.Changes.ShouldBe([Change(1), Change(1, ChangeKind.ConversationChanged)]);
        Volatile.Read(ref calls).ShouldBe(2);
    }

    [Fact]
    public async Task ASlowSubscriber_DoesNotHoldUpPublishOrTheOthers()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var healthy = new ChangeRecorder();
        using var slow = _bus.Subscribe(Topics.Conversation(1), async _ =>
        {
            slowStarted.TrySetResult();
            await release.Task;
        });
        using var works = _bus.Subscribe(Topics.Conversation(1), healthy.Handle);

        _bus.Publish(Change(1), Topics.Conversation(1));

        await healthy.HeardAsync(Change(1));
        await slowStarted.Task.WaitAsync(ChangeRecorder.Patience);
        release.SetResult();
    }

    [Fact]
    public async Task SubscribingAndPublishingConcurrently_LosesNoDeliveryToEstablishedSubscribers()
    {
        const int publishers = 4, perPublisher = 250;
        var heard = new System.Collections.Concurrent.ConcurrentDictionary<long, int>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _bus.Subscribe(Topics.AllInboxes, change =>
        {
            heard.AddOrUpdate(change.ConversationId, 1, (_, n) => n + 1);
            if (heard.Count == publishers * perPublisher)
            {
                all.TrySetResult();
            }

            return Task.CompletedTask;
        });

        var churn = Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                _bus.Subscribe(Topics.AllInboxes, _ => Task.CompletedTask).Dispose();
            }
        });
        var publishing = Enumerable.Range(0, publishers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < perPublisher; i++)
            {
                _bus.Publish(Change((p * 1000) + i), Topics.AllInboxes);
            }
        })).ToList();
        await Task.WhenAll([churn, .. publishing]).WaitAsync(ChangeRecorder.Patience);
        await all.Task.WaitAsync(ChangeRecorder.Patience);

        heard.Values.ShouldAllBe(n => n == 1);
        _bus.SubscriberCount(Topics.AllInboxes).ShouldBe(1);
    }

    /// <summary>A publish from a detached flow (the webhooks' batch writer) on a thread of its own, as the writer runs.</summary>
    private Task PublishDetachedAsync(params InboxChange[] changes) => Task.Factory.StartNew(
        () =>
        {
            InboxDelivery.Detach();
            foreach (var change in changes)
            {
                _bus.Publish(change, Topics.Conversation(1));
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    [Fact]
    public async Task ADetachedPublish_ReturnsWhileASubscriberStillWorksSynchronously()
    {
        using var release = new ManualResetEventSlim();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var screen = _bus.Subscribe(Topics.Conversation(1), _ =>
        {
            // A screen whose circuit was free does its reload on the delivering thread, synchronously as SQLite's calls are.
            started.TrySetResult();
            release.Wait(ChangeRecorder.Patience);
            return Task.CompletedTask;
        });

        await PublishDetachedAsync(Change(1)).WaitAsync(ChangeRecorder.Patience);

        await started.Task.WaitAsync(ChangeRecorder.Patience);
        release.IsSet.ShouldBeFalse();
        release.Set();
    }

    [Fact]
    public async Task AnInlinePublish_GoesBehindTheDetachedChangesASubscriberHasNotStarted()
    {
        using var release = new ManualResetEventSlim();
        var heard = new List<long>();
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var screen = _bus.Subscribe(Topics.Conversation(1), change =>
        {
            lock (heard)
            {
                heard.Add(change.ConversationId);
            }

            if (change.ConversationId == 1)
            {
                release.Wait(ChangeRecorder.Patience);
            }

            if (change.ConversationId == 3)
            {
                third.TrySetResult();
            }

            return Task.CompletedTask;
        });

        await PublishDetachedAsync(Change(1), Change(2));

        // Change 1 holds the queue; an inline publish now must neither run on this thread nor overtake change 2.
        _bus.Publish(Change(3), Topics.Conversation(1));
        lock (heard)
        {
            heard.ShouldNotContain(3);
        }

        release.Set();
        await third.Task.WaitAsync(ChangeRecorder.Patience);
        lock (heard)
        {
            heard.ShouldBe([1, 2, 3]);
        }

        // With the queue drained, publishing is inline again: the change is heard before Publish returns. The lane marks the
        // queue drained just after it handed change 3 over, so a publish in that moment still queues (in order): publish
        // until one is heard inline, each after the one before was heard.
        var inline = false;
        var sent = new List<long> { 1, 2, 3 };
        for (var next = 4L; !inline && next < 1_000; next++)
        {
            _bus.Publish(Change(next), Topics.Conversation(1));
            sent.Add(next);
            lock (heard)
            {
                inline = heard.Contains(next);
            }

            var id = next;
            SpinWait.SpinUntil(() => { lock (heard) { return heard.Contains(id); } }, ChangeRecorder.Patience).ShouldBeTrue();
        }

        inline.ShouldBeTrue("once the queue is drained, a publish is heard before it returns");
        lock (heard)
        {
            heard.ShouldBe(sent);
        }
    }

    [Fact]
    public async Task ASubscriberBusyWithADetachedChange_DoesNotHoldUpTheOthers()
    {
        using var release = new ManualResetEventSlim();
        var healthy = new ChangeRecorder();
        using var slow = _bus.Subscribe(Topics.Conversation(1), _ =>
        {
            release.Wait(ChangeRecorder.Patience);
            return Task.CompletedTask;
        });
        using var works = _bus.Subscribe(Topics.Conversation(1), healthy.Handle);

        await PublishDetachedAsync(Change(1), Change(1, ChangeKind.ConversationChanged));

        await healthy.HeardAsync(Change(1, ChangeKind.ConversationChanged));
        healthy.Changes.ShouldBe([Change(1), Change(1, ChangeKind.ConversationChanged)]);
        release.Set();
    }

    [Fact]
    public async Task AClosedScreen_HearsNoneOfTheDetachedChangesStillQueuedForIt()
    {
        using var release = new ManualResetEventSlim();
        var heard = new ChangeRecorder();
        var subscription = _bus.Subscribe(Topics.Conversation(1), change =>
        {
            heard.Handle(change);
            if (change == Change(1))
            {
                release.Wait(ChangeRecorder.Patience);
            }

            return Task.CompletedTask;
        });
        using var other = _bus.Subscribe(Topics.Conversation(1), _ => Task.CompletedTask);

        await PublishDetachedAsync(Change(1), Change(2));
        await heard.HeardAsync(Change(1));
        subscription.Dispose();
        release.Set();

        // A fresh subscription on the same topic still hears detached changes, so the queue's worker has moved on.
        var after = new ChangeRecorder();
        using var reopened = _bus.Subscribe(Topics.Conversation(1), after.Handle);
        await PublishDetachedAsync(ChangeRecorder.Fence());
        await after.HeardAsync(ChangeRecorder.Fence());
        heard.Received.ShouldBe([Change(1)]);
    }

    [Fact]
    public void AFoldingSubscriber_SettlesAfterEachInlineChangeItHasWorkFor()
    {
        var noted = new List<long>();
        var settled = 0;
        using var list = _bus.Subscribe(Topics.AllInboxes, change =>
        {
            noted.Add(change.ConversationId);
            return change.ConversationId != 2;
        }, () =>
        {
            settled++;
            return Task.CompletedTask;
        });

        _bus.Publish(Change(1), Topics.AllInboxes);
        settled.ShouldBe(1);
        // A change the screen has nothing to do for is noted and not settled.
        _bus.Publish(Change(2), Topics.AllInboxes);
        settled.ShouldBe(1);
        _bus.Publish(Change(3), Topics.AllInboxes);

        noted.ShouldBe([1, 2, 3]);
        settled.ShouldBe(2);
    }

    [Fact]
    public async Task AFoldingSubscriber_SettlesOnceForTheDetachedChangesQueuedWhileItWasBusy()
    {
        using var release = new ManualResetEventSlim();
        var noting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var list = _bus.Subscribe(Topics.Conversation(1), change =>
        {
            lock (log)
            {
                log.Add($"note {change.ConversationId}");
            }

            if (change.ConversationId == 1)
            {
                noting.TrySetResult();
                release.Wait(ChangeRecorder.Patience);
            }

            return true;
        }, () =>
        {
            lock (log)
            {
                log.Add("settle");
                if (log.Contains("note 4"))
                {
                    done.TrySetResult();
                }
            }

            return Task.CompletedTask;
        });

        await PublishDetachedAsync(Change(1));
        await noting.Task.WaitAsync(ChangeRecorder.Patience);
        // Changes 2 to 4 queue while change 1 is being noted: they are noted together and settled once.
        await PublishDetachedAsync(Change(2), Change(3), Change(4));
        release.Set();

        await done.Task.WaitAsync(ChangeRecorder.Patience);
        lock (log)
        {
            log.ShouldBe(["note 1", "settle", "note 2", "note 3", "note 4", "settle"]);
        }
    }

    [Fact]
    public async Task AFoldingSubscriberThatFailsToNote_DoesNotStopItsLaterChangesOrTheOthers()
    {
        var healthy = new ChangeRecorder();
        var settledAfter = new List<long>();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long noted = 0;
        using var broken = _bus.Subscribe(Topics.Conversation(1), change =>
        {
            noted = change.ConversationId;
            return change.ConversationId == 1 ? throw new InvalidOperationException("broken screen") : true;
        }, () =>
        {
            settledAfter.Add(noted);
            if (noted == 2)
            {
                last.TrySetResult();
            }

            return Task.CompletedTask;
        });
        using var works = _bus.Subscribe(Topics.Conversation(1), healthy.Handle);

        await PublishDetachedAsync(Change(1));
        await healthy.HeardAsync(Change(1));
        await PublishDetachedAsync(Change(2));

        await last.Task.WaitAsync(ChangeRecorder.Patience);
        settledAfter.ShouldBe([2]);
        await healthy.HeardAsync(Change(2));
    }
}
