using BizInbox.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace BizInbox.Web.Identity;

public static class IdentityServiceCollectionExtensions
{
    public static IServiceCollection AddTeamIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TeamAccessOptions.Section);
        services.Configure<TeamAccessOptions>(section);
        var access = section.Get<TeamAccessOptions>() ?? new TeamAccessOptions();

        services.AddCascadingAuthenticationState();
        services.AddCurrentMember();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "BizInbox.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        services.AddAccessDeniedResponses();

        // A changed security stamp (deactivation, password change) ends other sessions at the next check.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = access.RevalidationInterval);

        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = true; // "confirmed" means active: see ActiveUserConfirmation
                options.Password.RequiredLength = BizInbox.Domain.Team.PasswordRules.MinimumLength;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Password.RequiredUniqueChars = 1; // PasswordRules judges guessability
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = access.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = access.LockoutDuration;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BizInboxDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppUserClaimsPrincipalFactory>()
            .AddPasswordValidator<BizInbox.Web.Security.PasswordPolicyValidator>()
            .AddDefaultTokenProviders();

        services.AddSingleton<BizInbox.Web.Security.CommonPasswords>();
        services.AddScoped<IUserConfirmation<AppUser>, ActiveUserConfirmation>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Owner, p => p.RequireRole(Roles.Owner))
            .AddPolicy(Policies.Manager, p => p.RequireRole(Roles.Owner, Roles.Manager))
            .AddPolicy(Policies.Agent, p => p.RequireRole(Roles.Owner, Roles.Manager, Roles.Agent));

        return services.AddAccountSecurity(configuration);
    }
}
