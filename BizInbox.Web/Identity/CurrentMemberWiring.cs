using Microsoft.AspNetCore.SignalR;

namespace BizInbox.Web.Identity;

/// <summary>Where <see cref="CurrentMember"/> learns who is signed in: each request, each hub call (circuits: the revalidating provider).</summary>
public static class CurrentMemberWiring
{
    public static IServiceCollection AddCurrentMember(this IServiceCollection services)
    {
        services.AddScoped<CurrentMember>();
        return services.Configure<HubOptions>(o => o.AddFilter<CurrentMemberHubFilter>());
    }

    /// <summary>The request's member, for minimal API handlers that take the <see cref="HttpContext"/>.</summary>
    public static CurrentMember Member(this HttpContext context) => context.RequestServices.GetRequiredService<CurrentMember>();

    /// <summary>After authentication: the request's user becomes the request's member.</summary>
    public static IApplicationBuilder UseCurrentMember(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentMember>().Use(context.User);
            return next(context);
        });
}

/// <summary>A hub method's scope gets the connection's user as its member.</summary>
internal sealed class CurrentMemberHubFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        invocationContext.ServiceProvider.GetRequiredService<CurrentMember>().Use(invocationContext.Context.User ?? new());
        return next(invocationContext);
    }
}
