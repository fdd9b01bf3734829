using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Features.Team;

/// <summary>Service tests with open tabs: circuits (scopes of their own) whose authentication state is set as the framework does.</summary>
public abstract class CircuitTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    private readonly List<AsyncServiceScope> _circuits = [];

    public override async Task DisposeAsync()
    {
        foreach (var circuit in _circuits)
        {
            await circuit.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>A circuit signed in as <paramref name="user"/>: its authentication state and its acting member.</summary>
    private protected async Task<(RevalidatingIdentityAuthenticationStateProvider State, CurrentMember Member)> OpenTabAsync(AppUser user)
    {
        var circuit = Database.Services.CreateAsyncScope();
        _circuits.Add(circuit);
        var principal = await circuit.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(await UserAsync(user.Id));
        var state = (RevalidatingIdentityAuthenticationStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        state.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return (state, circuit.ServiceProvider.GetRequiredService<CurrentMember>());
    }
}
