using BizInbox.Web.Data;

namespace BizInbox.Web.Servers;

public static class ServerServiceCollectionExtensions
{
    /// <summary>This server's id (kept in the data directory, or <c>Server:Id</c>) and the installation's leases.</summary>
    public static IServiceCollection AddServerIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var server = configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        services.AddSingleton(sp => ServerIdentity.Resolve(server, sp.GetRequiredService<DataDirectory>().Path));
        services.AddSingleton<Leases>();
        return services;
    }
}
