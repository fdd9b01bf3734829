using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BizInbox.Tests.Support.Database;

/// <summary>
/// Lets another writer in between a unit of work's read and its write: when a context of one database starts to save
/// and <c>when</c> says this is the save in question, <c>meanwhile</c> runs to completion first (on the pool, so that it
/// never needs the blocked thread), at most <c>times</c> times. Hooked through EF's DiagnosticListener, like the SQL
/// command recorder, so the app's services stay as they are.
/// </summary>
public sealed class BeforeSave : IDisposable
{
    private readonly string _connectionString;
    private readonly Func<DbContext, bool> _when;
    private readonly Func<Task> _meanwhile;
    private readonly Lock _gate = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _listeners;
    private int _left;
    private bool _running;

    public BeforeSave(string connectionString, Func<DbContext, bool> when, Func<Task> meanwhile, int times = 1)
    {
        (_connectionString, _when, _meanwhile, _left) = (connectionString, when, meanwhile, times);
        _listeners = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(OnListener));
    }

    /// <summary>How often the other writer ran.</summary>
    public int Ran { get; private set; }

    public void Dispose()
    {
        _listeners.Dispose();
        lock (_gate)
        {
            _subscriptions.ForEach(s => s.Dispose());
            _subscriptions.Clear();
        }
    }

    private void OnListener(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name)
        {
            return;
        }

        var subscription = listener.Subscribe(new Observer<KeyValuePair<string, object?>>(OnEvent), name => name == CoreEventId.SaveChangesStarting.Name);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }
    }

    private void OnEvent(KeyValuePair<string, object?> e)
    {
        if (e.Value is not DbContextEventData { Context: { } context } || context.Database.GetConnectionString() != _connectionString)
        {
            return;
        }

        lock (_gate)
        {
            // The other writer's own saves pass here too: they are never the save in question.
            if (_running || _left == 0 || !_when(context))
            {
                return;
            }

            _running = true;
            _left--;
        }

        try
        {
            Task.Run(_meanwhile).GetAwaiter().GetResult();
            Ran++;
        }
        finally
        {
            lock (_gate)
            {
                _running = false;
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
