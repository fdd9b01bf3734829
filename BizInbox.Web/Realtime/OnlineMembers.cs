using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BizInbox.Web.Realtime;

/// <summary>
/// Who has the console open now (at least one live circuit on any server), for the reports' live overview. Each
/// server counts its own circuits and puts the members online there on the <see cref="IPresenceBoard"/>.
/// </summary>
public sealed class OnlineMembers
{
    private readonly ConcurrentDictionary<string, int> _circuits = new();
    private readonly Lock _gate = new();
    private readonly IPresenceBoard _board;

    public OnlineMembers(IPresenceBoard board)
    {
        _board = board;
        board.OthersOnlineChanged += () => Changed?.Invoke();
    }

    /// <summary>Raised after someone came online or went offline (here or on another server).</summary>
    public event Action? Changed;

    /// <summary>The ids of the members online on any server.</summary>
    public async Task<IReadOnlySet<string>> OnlineAsync()
    {
        var online = _circuits.Where(c => c.Value > 0).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        online.UnionWith(await _board.OtherOnlineAsync());
        return online;
    }

    internal void Opened(string userId)
    {
        if (_circuits.AddOrUpdate(userId, 1, (_, count) => count + 1) == 1)
        {
            Share();
            Changed?.Invoke();
        }
    }

    internal void Closed(string userId)
    {
        var left = _circuits.AddOrUpdate(userId, 0, (_, count) => Math.Max(0, count - 1));
        if (left == 0 && _circuits.TryRemove(new KeyValuePair<string, int>(userId, 0)))
        {
            Share();
            Changed?.Invoke();
        }
    }

    private void Share()
    {
        lock (_gate)
        {
            _board.PutOnline([.. _circuits.Where(c => c.Value > 0).Select(c => c.Key)]);
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
