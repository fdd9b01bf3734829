using Microsoft.AspNetCore.Authentication;
using BizInbox.Web.Identity.Audit;

namespace BizInbox.Web.Features.Audit;

public static class AuditExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.Section));
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditOrigin>();
        services.AddSingleton<IClaimsTransformation>(sp => sp.GetRequiredService<AuditOrigin>());
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditQueries>();
        services.AddSingleton<AuditPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditPurge>());
        return services;
    }
}
