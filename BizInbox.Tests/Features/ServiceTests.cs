using System.Security.Claims;
using BizInbox.Domain;
using BizInbox.Domain.Labels;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Setup;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Features;

/// <summary>
/// Base of the setup and team service tests: the app's services on a fresh database, plus the few steps
/// most tests begin with (set up the business, bring members in through invitations).
/// </summary>
public abstract class ServiceTests(DatabaseProvider provider, PostgresServer? postgres) : DatabaseTest(provider, postgres)
{
    public const string StrongPassword = "correct horse battery";
    public const string OwnerEmail = "olga@example.com";

    protected static readonly Uri BaseUri = new("https://inbox.example.com/");

    protected SetupService Setup => Database.Get<SetupService>();

    protected TeamService Team => Database.Get<TeamService>();

    /// <summary>The whole team as <paramref name="actor"/> sees it (one page holds it in these tests).</summary>
    protected async Task<IReadOnlyList<TeamMemberRow>> MembersAsync(CurrentMember actor) =>
        (await Team.PageMembersAsync(actor, new MemberQuery(PageSize: MemberQuery.MaxPageSize))).Rows;

    protected InvitationAcceptance Acceptance => Database.Get<InvitationAcceptance>();

    protected static SetupRequest OwnerSetup(string password = StrongPassword) =>
        new("Bäckerei Olga", "Europe/Berlin", "Olga Owner", OwnerEmail, password);

    protected Task<AppUser> SetupOwnerAsync() => Setup.CompleteAsync(OwnerSetup());

    /// <summary>Invites <paramref name="email"/> as <paramref name="inviter"/> and accepts the invitation.</summary>
    protected async Task<AppUser> AddMemberAsync(AppUser inviter, TeamRole role, string email, string? name = null)
    {
        var link = await Team.InviteAsync(As(inviter), email, role, BaseUri);
        return await Acceptance.AcceptAsync(TokenOf(link), name ?? email.Split('@')[0], StrongPassword);
    }

    /// <summary>A label as a manager creates it under Settings › Labels.</summary>
    protected async Task<Label> AddLabelAsync(string name, string color = "#1e88e5")
    {
        await using var db = Database.CreateDbContext();
        var label = Label.Create(name, color);
        db.Labels.Add(label);
        await db.SaveChangesAsync();
        return label;
    }

    /// <summary>The member acting in a new request, signed in as <paramref name="user"/> (loaded from the database at the first verb).</summary>
    protected CurrentMember As(AppUser user) => Database.Member(Principal(user));

    /// <summary>A signed-in principal as the app builds it; the member only reads the user id from it.</summary>
    protected static ClaimsPrincipal Principal(AppUser user) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName ?? "")], "Test"));

    /// <summary>The secret token at the end of an invitation link.</summary>
    protected static string TokenOf(InvitationLink link) => link.Url.Segments[^1];

    protected async Task<AppUser> UserAsync(string id)
    {
        await using var db = Database.CreateDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    protected async Task<List<string>> RolesOfAsync(string userId)
    {
        await using var scope = Database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No user {userId}.");
        return [.. await users.GetRolesAsync(user)];
    }

    protected async Task<bool> PasswordWorksAsync(string userId, string password)
    {
        await using var scope = Database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No user {userId}.");
        return await users.CheckPasswordAsync(user, password);
    }

    /// <summary>Awaits <paramref name="action"/> and checks that it failed with the domain rule <paramref name="code"/>.</summary>
    protected static async Task<DomainException> ShouldFailWithAsync(string code, Func<Task> action)
    {
        var ex = await Should.ThrowAsync<DomainException>(action);
        ex.Code.ShouldBe(code);
        return ex;
    }

    /// <summary>Null when <paramref name="task"/> succeeds, else what it threw (for races with one winner).</summary>
    protected static async Task<Exception?> OutcomeOf(Task task)
    {
        try
        {
            await task;
            return null;
        }
#pragma warning disable CA1031 // The test inspects whatever the losing call threw.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
    }
}
