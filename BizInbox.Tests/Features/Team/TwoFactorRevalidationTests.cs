using BizInbox.Domain.Businesses;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using BizInbox.Web.Identity.TwoFactor;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BizInbox.Tests.Features.Team;

/// <summary>An open tab (a circuit's authentication state) of a member without two-factor sign-in, when the owner requires it.</summary>
public abstract class TwoFactorRevalidationTests(DatabaseProvider provider, PostgresServer? postgres) : CircuitTests(provider, postgres)
{
    // Well below the default revalidation interval (30 s): what ends within it was not the interval.
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(15);
    [Fact]
    public async Task RequiringTwoFactor_SendsAnOpenTabOfAMemberWithoutIt_ToSetItUp_AtOnce()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "agent@example.com");
        var tab = (await OpenTabAsync(agent)).State;
        var signedOut = SignedOut(tab);

        await Team.RequireTwoFactorAsync(As(owner), required: true);

        await signedOut.WaitAsync(AtOnce);
        tab.TwoFactorSetupRequired.ShouldBeTrue();
    }

    [Fact]
    public async Task AMemberWithTwoFactor_KeepsTheirTab()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "agent@example.com");
        await using (var scope = Database.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            (await users.SetTwoFactorEnabledAsync((await users.FindByIdAsync(agent.Id))!, true)).Succeeded.ShouldBeTrue();
        }

        var tab = (await OpenTabAsync(agent)).State;

        await Team.RequireTwoFactorAsync(As(owner), required: true);

        (await tab.RecheckNowAsync()).ShouldBeTrue();
        (await tab.GetAuthenticationStateAsync()).User.Identity!.IsAuthenticated.ShouldBeTrue();
        tab.TwoFactorSetupRequired.ShouldBeFalse();
    }

    [Fact]
    public async Task ARequirementSetOnAnotherServer_ReachesTheTab_AtItsNextRevalidation()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "agent@example.com");
        // This server has read "not required" and keeps it for half a minute (the clock stands still).
        (await Database.Get<TeamTwoFactorPolicy>().IsRequiredAsync()).ShouldBeFalse();
        Database.Get<IOptions<TeamAccessOptions>>().Value.RevalidationInterval = TimeSpan.FromSeconds(1);
        var tab = (await OpenTabAsync(agent)).State;
        var signedOut = SignedOut(tab);

        // Another server's owner: the database changes, this server's bus hears nothing.
        await using (var db = Database.CreateDbContext())
        {
            (await db.Businesses.SingleAsync(b => b.Id == Business.SingletonId)).RequireTwoFactor(true);
            await db.SaveChangesAsync();
        }

        await signedOut.WaitAsync(AtOnce);
        tab.TwoFactorSetupRequired.ShouldBeTrue();
    }

    [Fact]
    public async Task TurningTheRequirementOff_LeavesTabsAlone()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "agent@example.com");
        var tab = (await OpenTabAsync(agent)).State;

        await Team.RequireTwoFactorAsync(As(owner), required: false);

        (await tab.RecheckNowAsync()).ShouldBeTrue();
    }

    private static Task SignedOut(AuthenticationStateProvider tab)
    {
        var signedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tab.AuthenticationStateChanged += async state =>
        {
            if ((await state).User.Identity?.IsAuthenticated != true)
            {
                signedOut.TrySetResult();
            }
        };
        return signedOut.Task;
    }
}

public sealed class SqliteTwoFactorRevalidationTests() : TwoFactorRevalidationTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresTwoFactorRevalidationTests(PostgresServer postgres) : TwoFactorRevalidationTests(DatabaseProvider.Postgres, postgres);
