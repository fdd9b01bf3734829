using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BizInbox.Web.Realtime;

/// <summary>Who has the console open now (at least one live circuit on this server), for the reports' live overview.</summary>
public sealed class OnlineMembers
{
    private readonly ConcurrentDictionary<string, int> _circuits = new();

    /// <summary>Raised after someone came online or went offline.</summary>
    public event Action? Changed;

    public bool IsOnline(string userId) => _circuits.TryGetValue(userId, out var count) && count > 0;

    internal void Opened(string userId)
    {
        if (_circuits.AddOrUpdate(userId, 1, (_, count) => count + 1) == 1)
        {
            Changed?.Invoke();
        }
    }

    internal void Closed(string userId)
    {
        var left = _circuits.AddOrUpdate(userId, 0, (_, count) => Math.Max(0, count - 1));
        if (left == 0 && _circuits.TryRemove(new KeyValuePair<string, int>(userId, 0)))
        {
            Changed?.Invoke();
        }
    }
}

/// <summary>Counts a signed-in member's circuit as online while it is open.</summary>
public sealed class OnlineCircuit(AuthenticationStateProvider authentication, OnlineMembers online) : CircuitHandler
{
    private string? _userId;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        _userId = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (_userId is not null)
        {
            online.Opened(_userId);
        }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_userId is not null)
        {
            online.Closed(_userId);
        }

        return Task.CompletedTask;
    }
}
