using BizInbox.Domain;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>The "WhatsApp:Graph" section's say on where the Graph API may be.</summary>
public sealed class GraphAddressOptions
{
    /// <summary>
    /// Whether an http:// address on this machine (a local simulator or fake Graph API) is accepted. Unset, it is
    /// only in Development; everywhere else the access token travels over https only.
    /// </summary>
    public bool? AllowHttpOnLoopback { get; set; }
}

/// <summary>
/// The Graph API address must be https, except on the loopback interface where <see cref="GraphAddressOptions.AllowHttpOnLoopback"/>
/// allows http: checked where an owner types it, before every request and for stored connections at start-up.
/// </summary>
public sealed class GraphAddressPolicy(IOptions<GraphAddressOptions> options, IHostEnvironment environment)
{
    public const string NotHttpsCode = "whatsapp.base_url_not_https";

    public bool AllowsHttpOnLoopback => options.Value.AllowHttpOnLoopback ?? environment.IsDevelopment();

    public bool Allows(Uri address) =>
        address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && address.IsLoopback && AllowsHttpOnLoopback);

    public bool Allows(string address) => Uri.TryCreate(address, UriKind.Absolute, out var uri) && Allows(uri);

    /// <summary>Refuses a typed address that is not allowed; an empty one means Meta's own, which is.</summary>
    public void Require(string? typed)
    {
        if (!string.IsNullOrWhiteSpace(typed) && Uri.TryCreate(typed.Trim(), UriKind.Absolute, out var uri) && !Allows(uri))
        {
            throw new DomainException(NotHttpsCode, "The Graph API address must start with https://.");
        }
    }
}

/// <summary>At start-up, names every stored connection whose Graph address is no longer allowed; its sends are refused.</summary>
internal sealed class GraphAddressCheck(IServiceScopeFactory scopes, GraphAddressPolicy policy, ILogger<GraphAddressCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var connections = await scope.ServiceProvider.GetRequiredService<WhatsAppConnections>().SecretsAsync(cancellationToken);
            foreach (var refused in connections.Where(c => !policy.Allows(c.GraphBaseUrl)))
            {
                logger.LogError(
                    "The WhatsApp number {PhoneNumberId} (inbox {InboxId}) uses the Graph API address {Address}, which is not https: nothing is sent to it until an owner changes it",
                    refused.PhoneNumberId, refused.InboxId, refused.GraphBaseUrl);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // A check must not stop the app; the sends are refused regardless.
            logger.LogWarning(ex, "The stored WhatsApp Graph addresses could not be checked");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
