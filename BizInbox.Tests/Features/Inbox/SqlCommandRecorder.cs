using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BizInbox.Tests.Features.Inbox;

/// <summary>
/// Records the SQL commands EF Core runs against one database, through EF's DiagnosticListener (no
/// registration in the app's services needed). Only commands of contexts whose connection string is
/// <c>connectionString</c> count, so tests running in parallel on other databases do not interfere.
/// </summary>
public sealed class SqlCommandRecorder : IDisposable
{
    private readonly string _connectionString;
    private readonly Lock _gate = new();
    private readonly List<string> _commands = [];
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _listeners;
    private bool _recording;

    public SqlCommandRecorder(string connectionString)
    {
        _connectionString = connectionString;
        _listeners = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(OnListener));
    }

    /// <summary>The commands recorded since <see cref="Start"/>.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Forgets what was recorded and records from now on.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _commands.Clear();
            _recording = true;
        }
    }

    /// <summary>Stops recording and returns the commands recorded since <see cref="Start"/>.</summary>
    public IReadOnlyList<string> Stop()
    {
        lock (_gate)
        {
            _recording = false;
            return [.. _commands];
        }
    }

    public void Dispose()
    {
        _listeners.Dispose();
        lock (_gate)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
        }
    }

    private void OnListener(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name)
        {
            return;
        }

        var subscription = listener.Subscribe(
            new Observer<KeyValuePair<string, object?>>(OnEvent),
            name => name == RelationalEventId.CommandExecuting.Name);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }
    }

    private void OnEvent(KeyValuePair<string, object?> e)
    {
        if (e.Key != RelationalEventId.CommandExecuting.Name || e.Value is not CommandEventData data
            || data.Context?.Database.GetConnectionString() != _connectionString)
        {
            return;
        }

        lock (_gate)
        {
            if (_recording)
            {
                _commands.Add(data.Command.CommandText);
            }
        }
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(T value) => next(value);
    }
}
