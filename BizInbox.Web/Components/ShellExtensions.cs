using BizInbox.Web.Components.Account;
using BizInbox.Web.Features;
using BizInbox.Web.Features.Setup;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Identity;
using BizInbox.Web.Localization;
using BizInbox.Web.Observability;
using BizInbox.Web.Realtime.Servers;
using Microsoft.AspNetCore.Diagnostics;
using MudBlazor.Services;
using BizInbox.Web.Identity.Mail;
using BizInbox.Web.Ui;

namespace BizInbox.Web.Components;

public static class ShellExtensions
{
    public static IServiceCollection AddShell(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSharedInteropJson();
        services.AddProblemDetails();
        services.AddExceptionHandler<ErrorResponses>();
        services.AddMudServices();
        services.AddUserCulture();
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton<FirstRunState>();
        services.AddSingleton<SetupService>();
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<IInvitationSender, SmtpInvitationSender>();
        services.AddSingleton<TeamService>();
        services.AddSingleton<InvitationAcceptance>();
        services.AddServers(configuration);
        services.AddInbox();
        services.AddWebChatLimits(configuration);
        services.ShareHubAcrossServers<WebChatHub>(configuration);
        services.AddSingleton<Channels.Media.UnsentAttachmentCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<Channels.Media.UnsentAttachmentCleanup>());
        return services;
    }

    public static WebApplication UseShell(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            // Only page visits get the friendly page: re-executing a rejected POST would re-read its form.
            if (!HttpMethods.IsGet(context.Request.Method) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseMiddleware<RequestLogScopeMiddleware>();
        app.UseMiddleware<FirstRunMiddleware>();
        app.UseAccountSecurity();
        app.UseCurrentMember();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealth();
        app.MapUserCulture();
        app.MapAccountEndpoints();
        app.MapInbox(app.Environment);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
