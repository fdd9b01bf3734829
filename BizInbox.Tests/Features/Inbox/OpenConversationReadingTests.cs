using BizInbox.Web.Features.Inbox;

namespace BizInbox.Tests.Features.Inbox;

public sealed class OpenConversationReadingTests
{
    private long _newest;
    private readonly List<(long UpTo, TaskCompletionSource Stored)> _marks = [];
    private readonly List<Exception> _failures = [];

    private OpenConversationReading Reading() => new(
        () => _newest,
        upTo =>
        {
            var stored = new TaskCompletionSource();
            _marks.Add((upTo, stored));
            return stored.Task;
        },
        ex =>
        {
            _failures.Add(ex);
            return Task.CompletedTask;
        });

    [Fact]
    public void OnlyANewerMessage_IsMarked()
    {
        var reading = Reading();
        _newest = 5;
        reading.Look();
        _marks[0].Stored.SetResult();

        reading.Look();
        _newest = 4;
        reading.Look();

        _marks.Select(m => m.UpTo).ShouldBe([5L]);
    }

    [Fact]
    public void OneMarkAtATime_AndTheNewestFollowsWhenTheOneBeforeIsStored()
    {
        var reading = Reading();
        _newest = 5;
        reading.Look();
        _newest = 6;
        reading.Look();
        _newest = 7;
        reading.Look();
        _marks.Select(m => m.UpTo).ShouldBe([5L], "the first mark is not stored yet");

        _marks[0].Stored.SetResult();

        _marks.Select(m => m.UpTo).ShouldBe([5L, 7L], "the messages that came meanwhile take one mark, for the newest");
        _marks[1].Stored.SetResult();
        _marks.Count.ShouldBe(2);
    }

    [Fact]
    public void AFailedMark_GoesToTheCircuit_AndIsAskedAgainAtTheNextLook()
    {
        var reading = Reading();
        _newest = 5;
        reading.Look();

        _marks[0].Stored.SetException(new InvalidOperationException("the database is away"));

        _failures.ShouldHaveSingleItem().Message.ShouldBe("the database is away");
        reading.Look();
        _marks.Select(m => m.UpTo).ShouldBe([5L, 5L]);
    }

    [Fact]
    public void AMarkCancelledByAStoppingServer_IsNoFailure()
    {
        var reading = Reading();
        _newest = 5;
        reading.Look();

        _marks[0].Stored.SetCanceled();

        _failures.ShouldBeEmpty();
    }
}
