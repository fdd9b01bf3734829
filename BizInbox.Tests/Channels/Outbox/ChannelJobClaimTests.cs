using BizInbox.Domain.Conversations;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Channels.Outbox;

/// <summary>
/// The outbox on several servers: two workers with their own server ids on one database. Claims left behind are
/// recovered once, live claims of another server are left alone, a long send keeps its claim alive.
/// </summary>
public abstract class ChannelJobClaimTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    protected ChannelJobWorker ServerA { get; private set; } = null!;

    protected ChannelJobWorker ServerB { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ServerA = WorkerOf("server-a");
        ServerB = WorkerOf("server-b");
    }

    protected ChannelJobWorker WorkerOf(string serverId) =>
        ActivatorUtilities.CreateInstance<ChannelJobWorker>(Database.Services, new ServerIdentity(serverId));

    /// <summary>Leaves the message's job running, as a server that claimed it and stopped would have.</summary>
    private async Task ClaimedAsync(long messageId, string serverId, DateTimeOffset leaseUntil, ChannelJobKind kind = ChannelJobKind.SendMessage)
    {
        await using var db = Database.CreateDbContext();
        (await db.ChannelJobs.Where(j => j.MessageId == messageId && j.Kind == kind)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ChannelJobState.Running).SetProperty(j => j.Attempts, 1)
                .SetProperty(j => j.ClaimedBy, serverId).SetProperty(j => j.LeaseUntil, leaseUntil))).ShouldBe(1);
    }

    [Fact]
    public async Task ClaimOfAStoppedServer_IsRecoveredOnce_AfterItsLeaseRanOut_AndNeverResent()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var id = await SendAsync(conversationId, new TextDraft("Vom gestoppten Server"));
        await ClaimedAsync(id, "server-c", Clock.GetUtcNow() + Lease);

        (await AtOnceAsync(() => ServerA.RecoverExpiredAsync(), () => ServerB.RecoverExpiredAsync())).ShouldBe([0, 0]);
        (await JobAsync(id)).State.ShouldBe(ChannelJobState.Running);

        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var recovered = await AtOnceAsync(() => ServerA.RecoverExpiredAsync(), () => ServerB.RecoverExpiredAsync());

        recovered.Sum().ShouldBe(1);
        var job = await JobAsync(id);
        job.State.ShouldBe(ChannelJobState.Unconfirmed);
        job.ClaimedBy.ShouldBe(recovered[0] == 1 ? "server-a" : "server-b");
        (await MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Unconfirmed);
        (await AtOnceAsync(() => ServerA.RunDueAsync(), () => ServerB.RunDueAsync())).ShouldAllBe(next => next == null);
        Graph.Sends.ShouldBeEmpty();
    }

    [Fact]
    public async Task LiveClaimOfAnotherServer_IsLeftAlone_EvenWhenThisServerRestarts()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var id = await SendAsync(conversationId, new TextDraft("Läuft auf Server B"));
        await ClaimedAsync(id, "server-b", Clock.GetUtcNow() + Lease);

        (await WorkerOf("server-a").RecoverAsync()).ShouldBe(0);
        await ServerA.RunDueAsync();

        var job = await JobAsync(id);
        (job.State, job.ClaimedBy).ShouldBe((ChannelJobState.Running, "server-b"));
        (await MessageAsync(id)).Delivery.ShouldBe(DeliveryStatus.Queued);
        Graph.Sends.ShouldBeEmpty();
    }

    [Fact]
    public async Task RestartingServer_RecoversItsOwnClaims_AtOnce_ButNotAnotherServersLiveOnes()
    {
        var (conversationId, incomingId) = await CustomerTextsAsync();
        var own = await SendAsync(conversationId, new TextDraft("Vor dem Neustart"));
        await Conversations.MarkReadAsync(As(Owner), conversationId, incomingId);
        var (otherConversationId, _) = await CustomerTextsAsync(from: "4915112345678");
        var others = await SendAsync(otherConversationId, new TextDraft("Auf Server B"));
        await ClaimedAsync(own, "server-a", Clock.GetUtcNow() + Lease);
        await ClaimedAsync(incomingId, "server-a", Clock.GetUtcNow() + Lease, ChannelJobKind.MarkRead);
        await ClaimedAsync(others, "server-b", Clock.GetUtcNow() + Lease);

        (await WorkerOf("server-a").RecoverAsync()).ShouldBe(2);

        (await JobAsync(own)).State.ShouldBe(ChannelJobState.Unconfirmed);
        (await MessageAsync(own)).DeliveryError.ShouldNotBeNull().ShouldContain("restart");
        (await JobAsync(incomingId, ChannelJobKind.MarkRead)).State.ShouldBe(ChannelJobState.Queued);
        (await JobAsync(others)).State.ShouldBe(ChannelJobState.Running);
        await ServerA.RunDueAsync();
        Graph.ReadReceipts.ShouldHaveSingleItem();
        Graph.Sends.ShouldBeEmpty();
    }

    [Fact]
    public async Task IdleWorker_SendsAJobQueuedOnAnotherServer_ByPolling_WithoutAWakeUp()
    {
        // Server B's worker has its own signal: the reply below wakes only this server's (which runs no worker).
        using var signalOfB = new ChannelJobSignal();
        var options = Microsoft.Extensions.Options.Options.Create(new ChannelJobOptions { PollInterval = TimeSpan.FromMilliseconds(500) });
        using var serverB = ActivatorUtilities.CreateInstance<ChannelJobWorker>(Database.Services, new ServerIdentity("server-b"), signalOfB, options);
        var wokenElsewhere = 0;
        signalOfB.JobCommitted += () => wokenElsewhere++;
        await serverB.StartAsync(CancellationToken.None);
        try
        {
            var (conversationId, _) = await CustomerTextsAsync();
            var first = await SendAsync(conversationId, new TextDraft("Erste, auf Server A geschrieben"));
            await Graph.WaitForSendAsync(timeout: TimeSpan.FromSeconds(30));
            // B has sent the first and found nothing more: it is idle, and nothing wakes it for the second. Without
            // polling it would look again only after half a minute (the old idle wait), past this test's limit.
            var second = await SendAsync(conversationId, new TextDraft("Zweite, auf Server A geschrieben"));
            await Graph.WaitForSendAsync(s => s.Json.GetProperty("text").GetProperty("body").GetString()!.StartsWith("Zweite", StringComparison.Ordinal),
                TimeSpan.FromSeconds(20));

            (await JobAsync(first)).ClaimedBy.ShouldBe("server-b");
            (await JobAsync(second)).ClaimedBy.ShouldBe("server-b");
            wokenElsewhere.ShouldBe(0);
        }
        finally
        {
            await serverB.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Signal_TellsARelayAboutLocalJobsOnly()
    {
        using var signal = new ChannelJobSignal();
        var relayed = 0;
        signal.JobCommitted += () => relayed++;

        signal.Wake();
        signal.WakeFromElsewhere();

        relayed.ShouldBe(1);
    }

    [Fact]
    public async Task Claim_NamesTheServer_AndHoldsForTheLease()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var id = await SendAsync(conversationId, new TextDraft("Wer hat es gesendet?"));
        var claimedAt = Clock.GetUtcNow();

        await ServerB.RunDueAsync();

        var job = await JobAsync(id);
        (job.State, job.ClaimedBy, job.LeaseUntil).ShouldBe((ChannelJobState.Done, "server-b", claimedAt + Lease));
        Graph.Sends.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task DoneJobs_AreDeletedAfter30Days_ByOneServerOfTheInstallation()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        var old = await SendAsync(conversationId, new TextDraft("Vor einem Monat"));
        var recent = await SendAsync(conversationId, new TextDraft("Vor vier Wochen"));
        await ServerA.RunDueAsync();
        var queued = await SendAsync(conversationId, new TextDraft("Noch in der Warteschlange"));
        await FinishedAsync(old, Clock.GetUtcNow() - ChannelJobPurge.KeptFor - TimeSpan.FromMinutes(1));
        await FinishedAsync(recent, Clock.GetUtcNow() - ChannelJobPurge.KeptFor + TimeSpan.FromDays(2));

        var purges = await AtOnceAsync(() => PurgeOf("server-a").TryRunAsync(), () => PurgeOf("server-b").TryRunAsync());

        purges.Count(ran => ran).ShouldBe(1);
        await using var db = Database.CreateDbContext();
        var left = await db.ChannelJobs.Where(j => j.Kind == ChannelJobKind.SendMessage).Select(j => j.MessageId).ToListAsync();
        left.ShouldBe([recent, queued], ignoreOrder: true);
        left.ShouldNotContain(old);
    }

    private async Task FinishedAsync(long messageId, DateTimeOffset at)
    {
        await using var db = Database.CreateDbContext();
        (await db.ChannelJobs.Where(j => j.MessageId == messageId && j.State == ChannelJobState.Done)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.FinishedAt, at))).ShouldBe(1);
    }

    private ChannelJobPurge PurgeOf(string serverId) => ActivatorUtilities.CreateInstance<ChannelJobPurge>(
        Database.Services, new Leases(Database.Get<IDbContextFactory<BizInboxDbContext>>(), new ServerIdentity(serverId), Clock));
}

/// <summary>A send that takes longer than the lease (held by the fake Graph API until the client gives up).</summary>
public abstract class ChannelJobLeaseRenewalTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.Configure<GraphApiOptions>(o => o.Timeout = TimeSpan.FromSeconds(20));
        services.Configure<ChannelJobOptions>(o => o.LeaseLength = TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task ALongSend_RenewsItsClaim_SoAnotherServerDoesNotRecoverIt()
    {
        var serverA = ActivatorUtilities.CreateInstance<ChannelJobWorker>(Database.Services, new ServerIdentity("server-a"));
        var serverB = ActivatorUtilities.CreateInstance<ChannelJobWorker>(Database.Services, new ServerIdentity("server-b"));
        var (conversationId, _) = await CustomerTextsAsync();
        var id = await SendAsync(conversationId, new TextDraft("Eine lange Anfrage"));
        Graph.FailNext(GraphFailure.Timeout);

        var running = serverA.RunDueAsync();
        await Graph.WaitForRequestAsync(r => r.IsSend, TimeSpan.FromSeconds(30));
        // The clock passes the lease and, on its way, the renewal timer's tick: only a renewal moves the lease past it again.
        Clock.Advance(TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await JobAsync(id)).LeaseUntil <= Clock.GetUtcNow())
        {
            (DateTime.UtcNow < deadline).ShouldBeTrue("The claim was not renewed within 15 seconds.");
            await Task.Yield();
        }

        (await serverB.RecoverExpiredAsync()).ShouldBe(0);
        (await JobAsync(id)).ClaimedBy.ShouldBe("server-a");

        await running;
        var job = await JobAsync(id);
        (job.State, job.ClaimedBy).ShouldBe((ChannelJobState.Unconfirmed, "server-a"));
        Graph.Requests.Count(r => r.IsSend).ShouldBe(1);
    }
}

/// <summary>Two servers' workers on one PostgreSQL database, side by side on the same queue.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresChannelJobClaimTests(PostgresServer postgres) : ChannelJobClaimTests(DatabaseProvider.Postgres, postgres)
{
    [Fact]
    public async Task TwoServers_SendAThousandQueuedMessages_EachExactlyOnce_InOrderPerConversation()
    {
        const int conversations = 20, perConversation = 50;
        var queued = new Dictionary<string, List<long>>();
        for (var c = 0; c < conversations; c++)
        {
            var customer = $"49151{c:D8}";
            var (conversationId, _) = await CustomerTextsAsync(from: customer);
            List<long> ids = [];
            for (var i = 0; i < perConversation; i++)
            {
                ids.Add(await SendAsync(conversationId, new TextDraft($"Nachricht {i}")));
            }

            queued[customer] = ids;
        }

        await Task.WhenAll(DrainAsync(ServerA), DrainAsync(ServerB));

        var sends = Graph.Sends;
        sends.Count.ShouldBe(conversations * perConversation);
        foreach (var (customer, ids) in queued)
        {
            sends.Where(s => s.Json.GetProperty("to").GetString() == customer)
                .Select(s => s.Json.GetProperty("biz_opaque_callback_data").GetString())
                .ShouldBe(ids.Select(WhatsAppOutbound.CallbackData), $"the sends to {customer}, in order");
        }

        await using var db = Database.CreateDbContext();
        var jobs = await db.ChannelJobs.AsNoTracking().Where(j => j.Kind == ChannelJobKind.SendMessage).ToListAsync();
        jobs.ShouldAllBe(j => j.State == ChannelJobState.Done && j.Attempts == 1);
        jobs.Select(j => j.ClaimedBy).Distinct().Order().ShouldBe(["server-a", "server-b"]);
    }

    /// <summary>Runs the worker until no send is queued or running (on either server), within a generous limit.</summary>
    private async Task DrainAsync(ChannelJobWorker worker)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            await worker.RunDueAsync();
            await using var db = Database.CreateDbContext();
            if (!await db.ChannelJobs.AnyAsync(j => j.Kind == ChannelJobKind.SendMessage
                                                   && (j.State == ChannelJobState.Queued || j.State == ChannelJobState.Running)))
            {
                return;
            }

            (DateTime.UtcNow < deadline).ShouldBeTrue("The queue was not done within 5 minutes.");
        }
    }
}

public sealed class SqliteChannelJobClaimTests() : ChannelJobClaimTests(DatabaseProvider.Sqlite, null);

public sealed class SqliteChannelJobLeaseRenewalTests() : ChannelJobLeaseRenewalTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresChannelJobLeaseRenewalTests(PostgresServer postgres) : ChannelJobLeaseRenewalTests(DatabaseProvider.Postgres, postgres);
