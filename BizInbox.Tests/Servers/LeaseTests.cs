using BizInbox.Domain.Conversations;
using BizInbox.Tests.Features.Inbox;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Servers;

/// <summary>The installation's leases, held by two servers on one database, and a singleton job that uses one.</summary>
public abstract class LeaseTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    private Leases LeasesOf(string serverId) =>
        new(Database.Get<IDbContextFactory<BizInboxDbContext>>(), new ServerIdentity(serverId), Clock);

    [Fact]
    public async Task OneOfTwoServers_HoldsTheLease_UntilItRunsOut_ThenTheOtherTakesIt()
    {
        var (a, b) = (LeasesOf("server-a"), LeasesOf("server-b"));

        (await a.TryAcquireAsync("purge", TimeSpan.FromMinutes(1))).ShouldBeTrue();
        (await b.TryAcquireAsync("purge", TimeSpan.FromMinutes(1))).ShouldBeFalse();
        Clock.Advance(TimeSpan.FromSeconds(50));
        (await a.TryAcquireAsync("purge", TimeSpan.FromMinutes(1))).ShouldBeTrue(); // renewed until 1:50
        Clock.Advance(TimeSpan.FromSeconds(50));
        (await b.TryAcquireAsync("purge", TimeSpan.FromMinutes(1))).ShouldBeFalse();
        (await a.HolderAsync("purge")).ShouldBe("server-a");

        Clock.Advance(TimeSpan.FromSeconds(11));
        (await a.HolderAsync("purge")).ShouldBeNull();
        (await b.TryAcquireAsync("purge", TimeSpan.FromMinutes(1))).ShouldBeTrue();
        (await a.TryAcquireAsync("purge", TimeSpan.FromMinutes(1))).ShouldBeFalse();
        (await b.HolderAsync("purge")).ShouldBe("server-b");
        (await a.TryAcquireAsync("other", TimeSpan.FromMinutes(1))).ShouldBeTrue();
    }

    [Fact]
    public async Task TwoServersAskingAtOnce_ExactlyOneGetsTheLease()
    {
        var (a, b) = (LeasesOf("server-a"), LeasesOf("server-b"));
        for (var round = 0; round < 10; round++)
        {
            var name = $"race-{round}";
            var got = await AtOnceAsync(() => a.TryAcquireAsync(name, TimeSpan.FromMinutes(1)), () => b.TryAcquireAsync(name, TimeSpan.FromMinutes(1)));
            got.Count(x => x).ShouldBe(1, $"round {round}");
        }
    }

    [Fact]
    public async Task SnoozeWakeUp_RunsOnOneServerOnly_AndAnotherTakesOverWhenItsHolderStops()
    {
        var owner = await SetupOwnerAsync();
        var first = await NewConversationAsync("Carla Customer");
        var second = await NewConversationAsync("Dora Customer");
        await Conversations.SnoozeAsync(As(owner), first, Clock.GetUtcNow().AddMinutes(5));
        await Conversations.SnoozeAsync(As(owner), second, Clock.GetUtcNow().AddMinutes(10));
        var serverA = ActivatorUtilities.CreateInstance<SnoozeWakeUp>(Database.Services, LeasesOf("server-a"));
        var serverB = ActivatorUtilities.CreateInstance<SnoozeWakeUp>(Database.Services, LeasesOf("server-b"));

        Clock.Advance(TimeSpan.FromMinutes(6));
        (await AtOnceAsync(() => serverA.TryRunAsync(), () => serverB.TryRunAsync())).Count(ran => ran).ShouldBe(1);
        (await ConversationAsync(first)).Status.ShouldBe(ConversationStatus.Open);
        (await ActivitiesAsync(first)).Count(a => a.Kind == ActivityKind.SnoozeEnded).ShouldBe(1);

        // Whichever ran holds the lease for its interval (half a minute); the other stays idle meanwhile.
        var (holder, other) = await Database.Get<Leases>().HolderAsync("snooze-wake-up") == "server-a" ? (serverA, serverB) : (serverB, serverA);
        (await other.TryRunAsync()).ShouldBeFalse();
        Clock.Advance(TimeSpan.FromSeconds(25));
        (await other.TryRunAsync()).ShouldBeFalse();

        // The holder stops (no more rounds): after its lease ran out, the other server wakes the second conversation.
        Clock.Advance(TimeSpan.FromMinutes(5));
        (await other.TryRunAsync()).ShouldBeTrue();
        (await ConversationAsync(second)).Status.ShouldBe(ConversationStatus.Open);
        (await holder.TryRunAsync()).ShouldBeFalse();
    }
}

public sealed class SqliteLeaseTests() : LeaseTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresLeaseTests(PostgresServer postgres) : LeaseTests(DatabaseProvider.Postgres, postgres);
