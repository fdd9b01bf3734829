using BizInbox.Domain;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Setup;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Features.Setup;

public abstract class SetupServiceTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    [Fact]
    public async Task Complete_OnFreshInstallation_CreatesBusinessAndOwner()
    {
        (await Database.Get<FirstRunState>().IsCompleteAsync()).ShouldBeFalse();

        var owner = await Setup.CompleteAsync(OwnerSetup());

        await using (var db = Database.CreateDbContext())
        {
            var business = await db.Businesses.AsNoTracking().SingleAsync();
            business.Name.ShouldBe("Bäckerei Olga");
            business.TimeZoneId.ShouldBe("Europe/Berlin");
            business.CreatedAt.ShouldBe(Clock.GetUtcNow());
            (await db.Users.CountAsync()).ShouldBe(1);
        }

        var saved = await UserAsync(owner.Id);
        saved.Email.ShouldBe(OwnerEmail);
        saved.UserName.ShouldBe(OwnerEmail);
        saved.DisplayName.ShouldBe("Olga Owner");
        saved.IsActive.ShouldBeTrue();
        saved.EmailConfirmed.ShouldBeTrue();
        saved.CreatedAt.ShouldBe(Clock.GetUtcNow());
        (await RolesOfAsync(owner.Id)).ShouldBe([Roles.Owner]);
        (await PasswordWorksAsync(owner.Id, StrongPassword)).ShouldBeTrue();
        (await Database.Get<FirstRunState>().IsCompleteAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task Complete_WhenAlreadyDone_IsRefused()
    {
        await SetupOwnerAsync();

        await ShouldFailWithAsync("setup.already_done", () =>
            Setup.CompleteAsync(new SetupRequest("Other Ltd", "Europe/Vienna", "Mallory", "mallory@example.com", StrongPassword)));

        await using var db = Database.CreateDbContext();
        (await db.Businesses.AsNoTracking().SingleAsync()).Name.ShouldBe("Bäckerei Olga");
        (await db.Users.AsNoTracking().Select(u => u.Email).ToListAsync()).ShouldBe([OwnerEmail]);
    }

    [Fact]
    public async Task Complete_WhenOnlyAUserExists_IsRefused()
    {
        await using (var scope = Database.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var stray = new AppUser { UserName = "stray@example.com", Email = "stray@example.com", DisplayName = "Stray" };
            (await users.CreateAsync(stray, StrongPassword)).Succeeded.ShouldBeTrue();
        }

        await ShouldFailWithAsync("setup.already_done", () => Setup.CompleteAsync(OwnerSetup()));

        await using var db = Database.CreateDbContext();
        (await db.Businesses.CountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("short", "member.password_weak")]
    [InlineData("aaaaaaaaaaaaaaaa", "member.password_common")]
    [InlineData("password12345", "member.password_common")]
    public async Task Complete_WithWeakPassword_SavesNothing(string password, string code)
    {
        await ShouldFailWithAsync(code, () => Setup.CompleteAsync(OwnerSetup(password)));

        await using (var db = Database.CreateDbContext())
        {
            (await db.Businesses.CountAsync()).ShouldBe(0, "the business insert must be rolled back with the owner");
            (await db.Users.CountAsync()).ShouldBe(0);
            (await db.UserRoles.CountAsync()).ShouldBe(0);
        }

        (await Database.Get<FirstRunState>().IsCompleteAsync()).ShouldBeFalse();

        // Nothing half-done stands in the way of the next attempt.
        var owner = await Setup.CompleteAsync(OwnerSetup());
        (await RolesOfAsync(owner.Id)).ShouldBe([Roles.Owner]);
    }

    [Theory]
    [InlineData("", "Europe/Berlin", "Olga", OwnerEmail, "business.name_required")]
    [InlineData("Bäckerei Olga", "Mars/Olympus_Mons", "Olga", OwnerEmail, "business.timezone_unknown")]
    [InlineData("Bäckerei Olga", "Europe/Berlin", " ", OwnerEmail, "member.name_required")]
    [InlineData("Bäckerei Olga", "Europe/Berlin", "Olga", "not-an-address", "invitation.email_invalid")]
    public async Task Complete_WithInvalidInput_IsRefusedAndSavesNothing(
        string businessName, string timeZone, string ownerName, string email, string code)
    {
        await ShouldFailWithAsync(code, () =>
            Setup.CompleteAsync(new SetupRequest(businessName, timeZone, ownerName, email, StrongPassword)));

        await using var db = Database.CreateDbContext();
        (await db.Businesses.CountAsync()).ShouldBe(0);
        (await db.Users.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Complete_TwiceAtOnce_CreatesExactlyOneOwner()
    {
        var first = Task.Run(() => Setup.CompleteAsync(OwnerSetup()));
        var second = Task.Run(() => Setup.CompleteAsync(new SetupRequest("Rival GmbH", "Europe/Zurich", "Rita Rival", "rita@example.com", StrongPassword)));

        var outcomes = await Task.WhenAll(OutcomeOf(first), OutcomeOf(second));

        outcomes.Count(o => o is null).ShouldBe(1, "exactly one setup must succeed");
        var failure = outcomes.Single(o => o is not null);
        failure.ShouldBeOfType<DomainException>().Code.ShouldBe("setup.already_done");
        await using var db = Database.CreateDbContext();
        (await db.Businesses.CountAsync()).ShouldBe(1);
        (await db.Users.CountAsync()).ShouldBe(1);
    }
}

public sealed class SqliteSetupServiceTests() : SetupServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresSetupServiceTests(PostgresServer postgres) : SetupServiceTests(DatabaseProvider.Postgres, postgres);
