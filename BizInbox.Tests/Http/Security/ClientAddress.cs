using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace BizInbox.Tests.Http.Security;

/// <summary>
/// The in-memory server has no client address; this gives each request one, as a socket would: loopback
/// (a proxy on the same machine) unless the test names another in <see cref="Header"/>.
/// </summary>
internal sealed class ClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter, ClientAddress>();

    public static HttpClient From(AppFactory app, string address)
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(Header, out var value)
                ? IPAddress.Parse(value.ToString())
                : IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}
