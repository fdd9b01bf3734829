using System.Globalization;
using System.Security.Claims;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Setup;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;
using BizInbox.Web.Realtime;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using BizInbox.Web.Features;
using BizInbox.Web.Ui;

namespace BizInbox.Tests.Components;

/// <summary>
/// Base of the bUnit tests: components render with MudBlazor, the app's English strings and the app's real
/// services on a fresh SQLite database (never a mock of the app's own services), signed in as a team member.
/// JavaScript calls are answered loosely (nothing) unless a test sets them up.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected const string Password = "correct horse battery";

    private TestDatabase? _database;

    /// <summary>
    /// How long a wait for a rendered state may take: bUnit's default second is too short on a loaded two-core machine, where
    /// real services on SQLite answer a render's queries in several hundred milliseconds now and then.
    /// </summary>
    static ComponentTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected ComponentTest()
    {
        UseEnglish();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        // bUnit's container falls back to the database's services only for what a component injects itself.
        Services.AddScoped(_ => new LiveUpdates(Get<IInboxEventBus>()));
        Services.AddScoped(_ => User);
        Services.AddScoped<CircuitReconnects>();
        Auth = AddAuthorization();
    }

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("The test has not been initialised.");

    protected BunitAuthorizationContext Auth { get; }

    private CurrentMember? _member;

    /// <summary>The member the rendered components act as (signed in by <see cref="SignInAsync"/>).</summary>
    protected CurrentMember User => _member ??= new CurrentMember(Get<Microsoft.EntityFrameworkCore.IDbContextFactory<BizInboxDbContext>>());

    protected T Get<T>() where T : notnull => Database.Get<T>();

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, configure: ConfigureAppServices);
        Services.AddFallbackServiceProvider(_database.Services);
    }

    /// <summary>Adds or replaces registrations of the app's services (the database's), before any is resolved.</summary>
    protected virtual void ConfigureAppServices(IServiceCollection services)
    {
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Sets the business up with its owner and, for another role, invites and signs in a member with it.</summary>
    protected async Task<AppUser> SignInAsync(TeamRole role = TeamRole.Owner, string name = "Olga Owner")
    {
        var owner = await Get<SetupService>().CompleteAsync(new SetupRequest("Bäckerei Olga", "Europe/Berlin", "Olga Owner", "olga@example.com", Password));
        var user = role == TeamRole.Owner ? owner : await AddMemberAsync(owner, role, $"{name.Split(' ')[0].ToLowerInvariant()}@example.com", name);
        SignIn(user, role);
        return user;
    }

    protected async Task<AppUser> AddMemberAsync(AppUser inviter, TeamRole role, string email, string name)
    {
        var link = await Get<TeamService>().InviteAsync(Database.Member(Principal(inviter)), email, role, new Uri("https://inbox.example.com/"));
        return await Get<InvitationAcceptance>().AcceptAsync(link.Url.Segments[^1], name, Password);
    }

    /// <summary>Makes <paramref name="user"/> the one the rendered components see, with the policies of their role.</summary>
    protected void SignIn(AppUser user, TeamRole role)
    {
        var principal = Principal(user);
        User.Use(principal);
        Auth.SetAuthorized(user.UserName ?? user.Id);
        Auth.SetRoles(Roles.NameOf(role));
        Auth.SetPolicies(role switch
        {
            TeamRole.Owner => [Policies.Owner, Policies.Manager, Policies.Agent],
            TeamRole.Manager => [Policies.Manager, Policies.Agent],
            _ => [Policies.Agent],
        });
        // Last: bUnit rebuilds the principal from the name and roles alone when those are set after the claims.
        Auth.SetClaims([.. principal.Claims, new Claim(ClaimTypes.Role, Roles.NameOf(role))]);
    }

    /// <summary>The member of another browser, signed in as <paramref name="user"/>.</summary>
    protected CurrentMember As(AppUser user) => Database.Member(Principal(user));

    protected static ClaimsPrincipal Principal(AppUser user) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName ?? ""), new Claim(AppUserClaimsPrincipalFactory.DisplayNameClaim, user.DisplayName)],
            "Test"));

    /// <summary>Renders MudBlazor's popover, dialog and snackbar hosts, which menus, selects, dialogs and snackbars need.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderProviders()
    {
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudPopoverProvider>();
    }

    protected static void UseEnglish()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }
}
