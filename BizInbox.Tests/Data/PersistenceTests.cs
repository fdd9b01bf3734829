using BizInbox.Domain.Businesses;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;
using BizInbox.Web.Observability;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BizInbox.Tests.Data;

/// <summary>The EF Core model, its migrations and its behaviour on a real database of each provider.</summary>
public abstract class PersistenceTests(DatabaseProvider provider, PostgresServer? postgres) : DatabaseTest(provider, postgres)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    [Fact]
    public async Task Migrations_OnEmptyDatabase_ApplyAndLeaveNothingPending()
    {
        var empty = await NewDatabaseAsync(migrate: false);
        await using (var before = empty.CreateDbContext())
        {
            var all = before.Database.GetMigrations().ToList();
            all.ShouldNotBeEmpty();
            (await before.Database.GetAppliedMigrationsAsync()).ShouldBeEmpty();
            (await before.Database.GetPendingMigrationsAsync()).ShouldBe(all);
        }

        await empty.MigrateAsync();

        await using var after = empty.CreateDbContext();
        (await after.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await after.Database.GetAppliedMigrationsAsync()).ShouldBe(after.Database.GetMigrations());
        (await after.Businesses.CountAsync()).ShouldBe(0);
        (await after.Invitations.CountAsync()).ShouldBe(0);
        (await after.Users.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Migrations_RunAgainOnMigratedDatabase_ChangeNothing()
    {
        await Database.MigrateAsync();

        await using var db = Database.CreateDbContext();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Roles.CountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task MigratedDatabases_AreCopiesOfOneTemplate_ThatShareNoData()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Businesses.Add(Business.Create("First GmbH", "Europe/Berlin", Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var other = await NewDatabaseAsync(migrate: true);

        other.ConnectionString.ShouldNotBe(Database.ConnectionString);
        await using var read = other.CreateDbContext();
        (await read.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await read.Roles.CountAsync()).ShouldBe(3);
        (await read.Businesses.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Migrations_CoverTheWholeModel()
    {
        await using var db = Database.CreateDbContext();

        // A model change without a migration would be applied nowhere.
        db.Database.HasPendingModelChanges().ShouldBeFalse();
    }

    [Fact]
    public async Task Roles_OwnerManagerAgent_AreSeededByTheMigrations()
    {
        await using (var db = Database.CreateDbContext())
        {
            var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).Select(r => new { r.Name, r.NormalizedName }).ToListAsync();
            roles.Select(r => r.Name).ShouldBe([Roles.Agent, Roles.Manager, Roles.Owner]);
            roles.Select(r => r.NormalizedName).ShouldBe(["AGENT", "MANAGER", "OWNER"]);
        }

        await using var scope = Database.Services.CreateAsyncScope();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            (await roleManager.RoleExistsAsync(role)).ShouldBeTrue(role);
        }
    }

    [Fact]
    public async Task Invitation_RoundTrip_KeepsEveryValueAndInstantExactlyInUtc()
    {
        var createdAt = Clock.GetUtcNow();
        var accepted = NewInvitation("accepted@example.com", TeamRole.Manager);
        var revoked = NewInvitation("revoked@example.com", TeamRole.Agent);
        await using (var db = Database.CreateDbContext())
        {
            db.Invitations.AddRange(accepted, revoked);
            await db.SaveChangesAsync();
        }

        Clock.Advance(TimeSpan.FromHours(5).Add(TimeSpan.FromTicks(1_234_560)));
        var acceptedAt = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        var revokedAt = Clock.GetUtcNow();
        await using (var db = Database.CreateDbContext())
        {
            (await db.Invitations.SingleAsync(i => i.Id == accepted.Id)).Accept("user-42", acceptedAt);
            (await db.Invitations.SingleAsync(i => i.Id == revoked.Id)).Revoke(revokedAt);
            await db.SaveChangesAsync();
        }

        await using var read = Database.CreateDbContext();
        var a = await read.Invitations.AsNoTracking().SingleAsync(i => i.Id == accepted.Id);
        a.Email.ShouldBe("accepted@example.com");
        a.Role.ShouldBe(TeamRole.Manager);
        a.TokenHash.ShouldBe(accepted.TokenHash);
        a.InvitedByUserId.ShouldBe("inviter");
        a.AcceptedByUserId.ShouldBe("user-42");
        ShouldBeExactUtc(a.CreatedAt, createdAt);
        ShouldBeExactUtc(a.ExpiresAt, createdAt + Lifetime);
        ShouldBeExactUtc(a.AcceptedAt!.Value, acceptedAt);
        a.RevokedAt.ShouldBeNull();
        a.StatusAt(revokedAt).ShouldBe(InvitationStatus.Accepted);

        var r = await read.Invitations.AsNoTracking().SingleAsync(i => i.Id == revoked.Id);
        ShouldBeExactUtc(r.CreatedAt, createdAt);
        ShouldBeExactUtc(r.RevokedAt!.Value, revokedAt);
        r.AcceptedAt.ShouldBeNull();
        r.AcceptedByUserId.ShouldBeNull();
        r.StatusAt(revokedAt).ShouldBe(InvitationStatus.Revoked);
    }

    [Fact]
    public async Task Invitations_FilteredAndOrderedByExpiresAt_AreQueriedInSql()
    {
        var start = Clock.GetUtcNow();

        // Inserted out of order; two of them only a microsecond apart.
        var expiries = new (string Email, TimeSpan After)[]
        {
            ("c@example.com", TimeSpan.FromDays(3)),
            ("a@example.com", TimeSpan.FromHours(1)),
            ("e@example.com", TimeSpan.FromDays(9)),
            ("d@example.com", TimeSpan.FromDays(3) + TimeSpan.FromMicroseconds(1)),
            ("b@example.com", TimeSpan.FromDays(2)),
        };
        await using (var db = Database.CreateDbContext())
        {
            foreach (var (email, after) in expiries)
            {
                db.Invitations.Add(Invitation.Create(email, TeamRole.Agent, "inviter", TeamRole.Owner,
                    InvitationTokens.Create().Hash, start, after));
            }

            await db.SaveChangesAsync();
        }

        await using var read = Database.CreateDbContext();
        var threshold = start + TimeSpan.FromDays(2); // b expires exactly then: "after" excludes it
        var query = read.Invitations.AsNoTracking()
            .Where(i => i.ExpiresAt > threshold)
            .OrderBy(i => i.ExpiresAt)
            .Select(i => i.Email);

        var sql = query.ToQueryString();
        sql.ShouldContain("ORDER BY", Case.Insensitive);
        sql.ShouldContain("ExpiresAt");
        (await query.ToListAsync()).ShouldBe(["c@example.com", "d@example.com", "e@example.com"]);

        var latestFirst = await read.Invitations.AsNoTracking()
            .Where(i => i.ExpiresAt <= start + TimeSpan.FromDays(3) + TimeSpan.FromMicroseconds(1))
            .OrderByDescending(i => i.ExpiresAt)
            .Select(i => i.Email)
            .ToListAsync();
        latestFirst.ShouldBe(["d@example.com", "c@example.com", "b@example.com", "a@example.com"]);

        var soonest = await read.Invitations.AsNoTracking().MinAsync(i => i.ExpiresAt);
        ShouldBeExactUtc(soonest, start + TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Accept_SameInvitationFromTwoContextsAtOnce_ExactlyOneWins()
    {
        var invitation = await AddInvitationAsync();
        await using var first = Database.CreateDbContext();
        await using var second = Database.CreateDbContext();
        var now = Clock.GetUtcNow();
        (await first.Invitations.SingleAsync(i => i.Id == invitation.Id)).Accept("first-user", now);
        (await second.Invitations.SingleAsync(i => i.Id == invitation.Id)).Accept("second-user", now);

        var outcomes = await Task.WhenAll(TrySaveAsync(first), TrySaveAsync(second));

        outcomes.Count(o => o is null).ShouldBe(1, "exactly one acceptance must win");
        outcomes.Single(o => o is not null).ShouldBeOfType<DbUpdateConcurrencyException>();
        var winner = outcomes[0] is null ? "first-user" : "second-user";
        await using var read = Database.CreateDbContext();
        (await read.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id)).AcceptedByUserId.ShouldBe(winner);
    }

    [Fact]
    public async Task Revoke_OfInvitationAcceptedMeanwhile_IsAConcurrencyConflict()
    {
        var invitation = await AddInvitationAsync();
        await using var accepting = Database.CreateDbContext();
        await using var revoking = Database.CreateDbContext();
        var toAccept = await accepting.Invitations.SingleAsync(i => i.Id == invitation.Id);
        var toRevoke = await revoking.Invitations.SingleAsync(i => i.Id == invitation.Id);

        toAccept.Accept("new-user", Clock.GetUtcNow());
        await accepting.SaveChangesAsync();
        toRevoke.Revoke(Clock.GetUtcNow());

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => revoking.SaveChangesAsync());
    }

    [Fact]
    public async Task Accept_WithTokenRenewedMeanwhile_IsAConcurrencyConflict()
    {
        var invitation = await AddInvitationAsync();
        await using var renewing = Database.CreateDbContext();
        await using var accepting = Database.CreateDbContext();
        var toRenew = await renewing.Invitations.SingleAsync(i => i.Id == invitation.Id);
        var toAccept = await accepting.Invitations.SingleAsync(i => i.Id == invitation.Id);

        toRenew.Renew(InvitationTokens.Create().Hash, Clock.GetUtcNow(), Lifetime);
        await renewing.SaveChangesAsync();
        toAccept.Accept("holder-of-old-link", Clock.GetUtcNow());

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => accepting.SaveChangesAsync());
    }

    [Fact]
    public async Task Business_SecondRow_CannotBeInserted()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Businesses.Add(Business.Create("First GmbH", "Europe/Berlin", Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await using (var db = Database.CreateDbContext())
        {
            db.Businesses.Add(Business.Create("Second GmbH", "Europe/Vienna", Clock.GetUtcNow()));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var read = Database.CreateDbContext();
        var business = await read.Businesses.AsNoTracking().SingleAsync();
        business.Id.ShouldBe(Business.SingletonId);
        business.Name.ShouldBe("First GmbH");
    }

    [Fact]
    public async Task CanConnect_OnMigratedDatabase_IsTrueAndTheHealthCheckIsHealthy()
    {
        await using (var db = Database.CreateDbContext())
        {
            (await db.Database.CanConnectAsync()).ShouldBeTrue();
        }

        var check = ActivatorUtilities.CreateInstance<DatabaseHealthCheck>(Database.Services);
        var result = await check.CheckHealthAsync(new HealthCheckContext());
        result.Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task CanConnect_WhenTheDatabaseIsUnreachable_IsFalseAndTheHealthCheckIsUnhealthy()
    {
        var factory = new FixedFactory(CreateUnreachableContext);
        await using (var db = factory.CreateDbContext())
        {
            (await db.Database.CanConnectAsync()).ShouldBeFalse();
        }

        var result = await new DatabaseHealthCheck(factory).CheckHealthAsync(new HealthCheckContext());
        result.Status.ShouldBe(HealthStatus.Unhealthy);
    }

    /// <summary>A context of this provider whose database does not exist and cannot be created.</summary>
    protected abstract BizInboxDbContext CreateUnreachableContext();

    private Invitation NewInvitation(string email, TeamRole role) =>
        Invitation.Create(email, role, "inviter", TeamRole.Owner, InvitationTokens.Create().Hash, Clock.GetUtcNow(), Lifetime);

    private async Task<Invitation> AddInvitationAsync()
    {
        var invitation = NewInvitation("contested@example.com", TeamRole.Agent);
        await using var db = Database.CreateDbContext();
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        return invitation;
    }

    private static async Task<Exception?> TrySaveAsync(DbContext db)
    {
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateException ex)
        {
            return ex;
        }
    }

    private static void ShouldBeExactUtc(DateTimeOffset actual, DateTimeOffset expected)
    {
        actual.Offset.ShouldBe(TimeSpan.Zero);
        actual.UtcTicks.ShouldBe(expected.UtcTicks);
    }

    private sealed class FixedFactory(Func<BizInboxDbContext> create) : IDbContextFactory<BizInboxDbContext>
    {
        public BizInboxDbContext CreateDbContext() => create();
    }
}
