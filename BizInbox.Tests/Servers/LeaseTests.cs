using BizInbox.Domain.Conversations;
using BizInbox.Tests.Features.Inbox;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BizInbox.Tests.Servers;

/// <summary>The installation's leases, held by two servers on one database, and a singleton job that uses one.</summary>
public abstract class LeaseTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    private Leases LeasesOf(string serverId, TimeProvider? clock = null) =>
        new(Database.Get<IDbContextFactory<BizInboxDbContext>>(), new ServerIdentity(serverId), clock ?? Clock);

    [Fact]
    public async Task AJob_RunsAtStartUp_ThenOncePerInterval_OnItsTimer()
    {
        var time = new FakeTimeProvider(Clock.GetUtcNow());
        var job = new CountingJob(LeasesOf("server-a", time), time);
        await job.StartAsync(CancellationToken.None);
        try
        {
            (await job.NextRoundAsync()).ShouldBe(1);

            // A fake timer fires only inside Advance: short of the interval, no round is even pending.
            time.Advance(CountingJob.Every - TimeSpan.FromTicks(1));
            job.Rounds.ShouldBe(1);
            time.Advance(TimeSpan.FromTicks(1));
            (await job.NextRoundAsync()).ShouldBe(2);
            time.Advance(CountingJob.Every);
            (await job.NextRoundAsync()).ShouldBe(3);
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task WhenTheHoldingServerStops_TheOtherTakesOver_OnItsFirstTickAfterTheLeaseRanOut()
    {
        var time = new FakeTimeProvider(Clock.GetUtcNow());
        var (a, b) = (new CountingJob(LeasesOf("server-a", time), time), new CountingJob(LeasesOf("server-b", time), time));
        await a.StartAsync(CancellationToken.None);
        (await a.NextRoundAsync()).ShouldBe(1);
        time.Advance(CountingJob.Every);
        (await a.NextRoundAsync()).ShouldBe(2); // the holder renews its lease round after round, now for one more interval
        await a.StopAsync(CancellationToken.None);

        await b.StartAsync(CancellationToken.None);
        try
        {
            b.Rounds.ShouldBe(0, "its start-up round finds the lease held");
            time.Advance(CountingJob.Every);
            (await b.NextRoundAsync()).ShouldBe(1);
            (await LeasesOf("server-a", time).HolderAsync(CountingJob.Lease)).ShouldBe("server-b");
        }
        finally
        {
            await b.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>An installation-wide job that counts its rounds and lets a test await the next one.</summary>
    private sealed class CountingJob(Leases leases, TimeProvider clock)
        : InstallationSingleton(leases, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
    {
        public const string Lease = "counting";
        public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
        private readonly System.Threading.Channels.Channel<int> _rounds = System.Threading.Channels.Channel.CreateUnbounded<int>();
        private int _count;

        public int Rounds => Volatile.Read(ref _count);

        protected override string LeaseName => Lease;

        protected override TimeSpan Interval => Every;

        public async Task<int> NextRoundAsync() => await _rounds.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        protected override Task RunRoundAsync(CancellationToken ct)
        {
            _rounds.Writer.TryWrite(Interlocked.Increment(ref _count));
            return Task.CompletedTask;
        }
    }

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
