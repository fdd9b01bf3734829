using BizInbox.Domain.Team;
using BizInbox.Web.Identity;
using BizInbox.Web.Realtime;

namespace BizInbox.Web.Features.Inbox;

/// <summary>
/// Writes the read markers of open conversations one after the other, on a thread of its own, and folds the marks that
/// wait for the same agent and conversation into one (the newest message). An open conversation marks each new message
/// read, and its read marker (with WhatsApp's read receipt) is a write: run on the screens' threads, each waited for
/// SQLite's write lock beside the webhooks' batch writer, so at 500 messages a second the screens' threads stood three
/// quarters of their time in those waits. Here one write at a time waits, and a screen awaits its mark without holding a
/// thread; when marks come faster than they are stored, they fold, so the writes fall behind instead of piling up.
/// </summary>
public sealed class ReadMarkWriter(ConversationService conversations, ILogger<ReadMarkWriter> logger) : IDisposable
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Dictionary<(long ConversationId, string UserId), Mark> _waiting = [];
    private Thread? _thread;
    private bool _disposed;

    private sealed class Mark(TeamMember member, long upTo)
    {
        public TeamMember Member { get; } = member;

        public long UpTo { get; set; } = upTo;

        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Marks the conversation read up to <paramref name="messageId"/> for the member (who must work in the inbox, checked
    /// here); completes when the marker is stored, with a mark for a newer message that came meanwhile.
    /// </summary>
    public async Task MarkAsync(CurrentMember member, long conversationId, long messageId, CancellationToken ct = default)
    {
        var me = (await member.RequireAsync(TeamRight.WorkInInbox, ct)).AsTeamMember();
        Task stored;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_waiting.TryGetValue((conversationId, me.UserId), out var waiting))
            {
                waiting.UpTo = Math.Max(waiting.UpTo, messageId);
                stored = waiting.Stored.Task;
            }
            else
            {
                var mark = new Mark(me, messageId);
                _waiting[(conversationId, me.UserId)] = mark;
                stored = mark.Stored.Task;
                StartOnce();
                Monitor.Pulse(_gate);
            }
        }

        await stored.WaitAsync(ct);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stopping.Cancel();
            Monitor.PulseAll(_gate);
        }

        // A write under way gets a few seconds to end; the token stays usable until the thread has.
        if (_thread?.Join(TimeSpan.FromSeconds(5)) != false)
        {
            _stopping.Dispose();
        }

        foreach (var mark in Take().Values)
        {
            mark.Stored.TrySetCanceled();
        }
    }

    private void StartOnce()
    {
        if (_thread is null)
        {
            _thread = new Thread(Loop) { IsBackground = true, Name = "BizInbox read markers" };
            _thread.UnsafeStart();
        }
    }

    private Dictionary<(long ConversationId, string UserId), Mark> Take()
    {
        lock (_gate)
        {
            var taken = _waiting;
            _waiting = [];
            return taken;
        }
    }

    /// <summary>The marks waiting, once there are any; null when stopping.</summary>
    private Dictionary<(long ConversationId, string UserId), Mark>? Next()
    {
        lock (_gate)
        {
            while (_waiting.Count == 0 && !_disposed)
            {
                Monitor.Wait(_gate);
            }

            return _disposed ? null : Take();
        }
    }

    /// <remarks>
    /// Blocking is safe here: the thread is the writer's alone (SQLite's calls are synchronous). Its commits' read changes
    /// reach the agent's lists detached, on the screens' threads, not on this one.
    /// </remarks>
    private void Loop()
    {
        InboxDelivery.Detach();
        while (Next() is { } marks)
        {
            foreach (var ((conversationId, _), mark) in marks)
            {
                try
                {
                    conversations.MarkReadAsync(mark.Member, conversationId, mark.UpTo, _stopping.Token).GetAwaiter().GetResult();
                    mark.Stored.TrySetResult();
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                    mark.Stored.TrySetCanceled();
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Conversation {ConversationId} could not be marked read", conversationId);
                    mark.Stored.TrySetException(ex);
                }
            }
        }
    }
}
