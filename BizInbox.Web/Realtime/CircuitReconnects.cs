using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BizInbox.Web.Realtime;

/// <summary>
/// Tells a circuit's screens that the browser connection came back, so they reload what they show: events
/// may have been missed while it was down.
/// </summary>
public sealed class CircuitReconnects : CircuitHandler
{
    private bool _wasDown;

    public event Func<Task>? Reconnected;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!_wasDown)
        {
            return;
        }

        _wasDown = false;
        if (Reconnected is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                await handler();
            }
        }
    }
}
