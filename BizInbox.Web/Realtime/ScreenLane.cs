using System.Collections.Concurrent;

namespace BizInbox.Web.Realtime;

/// <summary>
/// Threads of their own for the screens' share of what a background writer publishes (<see cref="InboxDelivery.Detach"/>):
/// the lists and conversations that re-read and render for the webhooks' commits. On the thread pool, 200 agents' screens
/// queued beside the webhook requests themselves, and at 500 messages a second the requests waited for seconds behind
/// them while the writer stood idle. Here the screens use <see cref="Steady"/> threads (half the cores) and the pool stays
/// free for requests; when the screens fall behind, each list catches up on everything it heard at once, so they cost
/// less per message instead of delaying the webhooks.
/// </summary>
/// <remarks>
/// A screen whose work blocks (SQLite's calls are synchronous) holds its thread; when no work has started for
/// <paramref name="stall"/> while some waits, another thread joins, up to <paramref name="most"/>, so that one slow screen
/// does not hold up the others. Threads leave after <paramref name="idleLifetime"/> without work: a server that nobody
/// watches keeps none.
/// </remarks>
public sealed class ScreenLane(int steady, int most, TimeSpan stall, TimeSpan idleLifetime) : IDisposable
{
    public static int Steady => Math.Max(1, Environment.ProcessorCount / 2);

    public static ScreenLane ForThisMachine() => new(Steady, Math.Max(Steady, 16), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));

    private readonly Queue<Action> _work = new();
    private readonly object _gate = new();
    private int _threads, _idle;
    private long _started, _startedAtLastLook;
    private bool _closed;
    private Timer? _watch;

    /// <summary>Threads the lane has now (for tests and diagnostics).</summary>
    public int Threads
    {
        get
        {
            lock (_gate)
            {
                return _threads;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> on one of the lane's threads, after the work queued before it has started.</summary>
    public void Run(Action work)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _work.Enqueue(work);
            if (_idle == 0 && _threads < steady)
            {
                StartThread();
            }
            else
            {
                Monitor.Pulse(_gate);
            }

            if (_watch is null)
            {
                // Nothing of the caller's flows into the lane: not the writer's detached delivery, nor its culture.
                using (ExecutionContext.SuppressFlow())
                {
                    _watch = new Timer(static lane => ((ScreenLane)lane!).Look(), this, stall, stall);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _work.Clear();
            _watch?.Dispose();
            _watch = null;
            Monitor.PulseAll(_gate);
        }
    }

    // Work waits while every thread is held by a slow screen (none started since the last look): one more thread.
    private void Look()
    {
        lock (_gate)
        {
            if (_work.Count > 0 && _started == _startedAtLastLook && _idle == 0 && _threads < most && !_closed)
            {
                StartThread();
            }

            _startedAtLastLook = _started;
            if (_threads == 0 && _work.Count == 0)
            {
                _watch?.Dispose();
                _watch = null;
            }
        }
    }

    private void StartThread()
    {
        _threads++;
        _idle++;
        new Thread(Loop) { IsBackground = true, Name = "BizInbox screens" }.UnsafeStart();
    }

    private void Loop()
    {
        while (Next() is { } work)
        {
            try
            {
                work();
            }
            catch (Exception)
            {
                // The bus logs a screen's failure; whatever escapes here must not end a thread that others wait on.
            }

            lock (_gate)
            {
                _idle++;
            }
        }
    }

    /// <summary>
    /// The next work for an idle thread, or null when the thread leaves: the lane closed, or no work came for the idle
    /// lifetime. A thread counts as idle from its start and whenever its work is done.
    /// </summary>
    private Action? Next()
    {
        lock (_gate)
        {
            while (!_closed)
            {
                if (_work.TryDequeue(out var work))
                {
                    _idle--;
                    _started++;
                    return work;
                }

                if (!Monitor.Wait(_gate, idleLifetime) && _work.Count == 0)
                {
                    break;
                }
            }

            _idle--;
            _threads--;
            return null;
        }
    }
}
