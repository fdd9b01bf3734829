using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>How the app talks to the Graph API.</summary>
public sealed class GraphApiOptions
{
    /// <summary>How long a request may take before it counts as unanswered (a read's retries included).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a read (GET: media, templates, profile, number status) is tried again after a server error, a 429 or a
    /// broken connection. Sends and other writes are never repeated here: only the outbox retries them, one request per attempt.
    /// </summary>
    public int ReadRetries { get; set; } = 3;

    /// <summary>The wait before a read's first retry; it doubles with each retry, with random jitter.</summary>
    public TimeSpan ReadRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before a read's retry. A Retry-After longer than this is not waited for: the error goes to the caller.</summary>
    public TimeSpan MaxReadRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>The Graph API's HttpClient: no redirects, the <see cref="GraphApiOptions.Timeout"/>, and retries of reads only.</summary>
internal static class GraphHttpClient
{
    public static IServiceCollection AddGraphApiClient(this IServiceCollection services)
    {
        services.AddHttpClient<GraphApiClient>(GraphApiClient.HttpClientName,
                (sp, http) => http.Timeout = sp.GetRequiredService<IOptions<GraphApiOptions>>().Value.Timeout)
            // Redirects are never followed: every request goes where the connection says, nowhere else.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            // Singletons (the outbox worker) hold the client: one handler for good, its connections renewed every five minutes.
            .SetHandlerLifetime(System.Threading.Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("graph-reads", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<GraphApiOptions>>().Value;
                // Waits between attempts are real time, whatever clock the app's business rules run on.
                pipeline.TimeProvider = TimeProvider.System;
                if (options.ReadRetries > 0)
                {
                    pipeline.AddRetry(ReadRetry(options));
                }
            });
        return services;
    }

    internal static HttpRetryStrategyOptions ReadRetry(GraphApiOptions options) => new()
    {
        MaxRetryAttempts = options.ReadRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.ReadRetryDelay,
        MaxDelay = options.MaxReadRetryDelay,
        ShouldRetryAfterHeader = true,
        ShouldHandle = args => ValueTask.FromResult(
            args.Context.GetRequestMessage()?.Method == HttpMethod.Get
            && HttpClientResiliencePredicates.IsTransient(args.Outcome)
            && !(args.Outcome.Result is { } response && RetryAfter(response) > options.MaxReadRetryDelay)),
    };

    /// <summary>How long the server asked to wait (Retry-After, as seconds or a date), if it said.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
}
