using BizInbox.Web.Identity.Recovery;
using BizInbox.Web.Identity.Sessions;
using BizInbox.Web.Identity.TwoFactor;
using Microsoft.AspNetCore.Identity;
using BizInbox.Web.Realtime.Servers;

namespace BizInbox.Web.Identity;

/// <summary>Sessions kept on the server, two-factor sign-in and its team requirement, password resets.</summary>
public static class AccountSecurityExtensions
{
    public static IServiceCollection AddAccountSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var access = configuration.GetSection(TeamAccessOptions.Section).Get<TeamAccessOptions>() ?? new TeamAccessOptions();
        services.AddDatabaseSessions();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<TeamTwoFactorPolicy>();
        services.ForgetOnSignal(CrossServerSignal.TwoFactorRequirementChanged, sp => sp.GetRequiredService<TeamTwoFactorPolicy>().Forget());
        services.AddScoped<AuthenticatorSetup>();
        services.AddScoped<PasswordResets>();
        services.AddScoped<PasswordSignIn>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = access.PasswordResetLinkLifetime);

        // A cookie renewed after its security stamp was checked keeps naming its session row, so that an open
        // circuit can still tell whether its session was signed out.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(DatabaseTicketStore.SessionClaim) is { } session
                && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                identity.AddClaim(new System.Security.Claims.Claim(session.Type, session.Value));
            }

            return Task.CompletedTask;
        });
        return services;
    }

    /// <summary>After authentication: members of a team that requires two-factor sign-in set it up first.</summary>
    public static WebApplication UseAccountSecurity(this WebApplication app)
    {
        app.UseMiddleware<TwoFactorRequirementMiddleware>();
        return app;
    }
}
