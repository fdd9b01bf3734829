using System.Diagnostics;
using System.Text.Json.Nodes;
using BizInbox.Tests.Support;
using BizInbox.Web.Channels.WhatsApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>
/// The Graph API client as the app registers it (typed HttpClient with its resilience handler) against the fake Graph
/// API: reads are retried with backoff, writes never, and what still fails reaches the caller as before.
/// </summary>
public sealed class GraphReadRetryTests : IAsyncLifetime
{
    private FakeGraphApi _graph = null!;
    private ServiceProvider _services = null!;

    private GraphApiClient Client => _services.GetRequiredService<GraphApiClient>();

    private WhatsAppSecrets Number => new(1, "1234567890", _graph.AccessToken, "app-secret", "verify", _graph.Version, _graph.BaseUrl, "9876543210");

    public async Task InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync();
        var services = new ServiceCollection().AddLogging();
        // A clock that never moves: the waits between attempts must not depend on the app's clock.
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.Configure<GraphApiOptions>(o => o.ReadRetryDelay = TimeSpan.FromMilliseconds(10));
        services.AddGraphApiClient();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private int RequestsTo(string path) => _graph.Requests.Count(r => r.Path.Contains(path, StringComparison.Ordinal));

    [Fact]
    public async Task ServiceUnavailable_OnARead_IsRetried_ThenSucceeds()
    {
        _graph.AddTemplate("order_ready", "de", "UTILITY", "APPROVED", "Ihr Rad ist fertig.");
        _graph.FailNext(GraphFailure.ServiceUnavailable, times: 2, pathContains: "/message_templates");

        var templates = await Client.TemplatesAsync(Number, default);

        templates.ShouldHaveSingleItem().Name.ShouldBe("order_ready");
        RequestsTo("/message_templates").ShouldBe(3);
    }

    [Fact]
    public async Task PersistentServerError_OnARead_SurfacesAsTheSameError_AfterTheRetries()
    {
        var mediaId = _graph.AddMedia([1, 2, 3], "image/jpeg");
        _graph.FailNext(GraphFailure.ServerError, times: 100, pathContains: "/" + mediaId);

        var failure = await Should.ThrowAsync<GraphApiException>(() => Client.MediaInfoAsync(Number, mediaId, default));

        (failure.Error.HttpStatus, failure.Error.Code, failure.Error.IsTransient).ShouldBe((500, 131000, true));
        RequestsTo("/" + mediaId).ShouldBe(1 + new GraphApiOptions().ReadRetries);
    }

    [Fact]
    public async Task ServiceUnavailable_OnASend_IsNotRetried()
    {
        _graph.FailNext(GraphFailure.ServiceUnavailable);

        var failure = await Should.ThrowAsync<GraphApiException>(() => Client.SendMessageAsync(Number,
            new JsonObject { ["messaging_product"] = "whatsapp", ["to"] = "4917612345678", ["type"] = "text", ["text"] = new JsonObject { ["body"] = "Hallo" } },
            default));

        failure.Error.HttpStatus.ShouldBe(503);
        _graph.Requests.Count(r => r.IsSend).ShouldBe(1);
    }

    [Fact]
    public async Task TooManyRequests_OnARead_WaitsTheRetryAfter_ThenRetries()
    {
        var mediaId = _graph.AddMedia([1, 2, 3], "image/jpeg");
        _graph.RetryAfter = TimeSpan.FromSeconds(1);
        _graph.FailNext(GraphFailure.TooManyRequests, pathContains: "/" + mediaId);
        var watch = Stopwatch.StartNew();

        var info = await Client.MediaInfoAsync(Number, mediaId, default);

        info.MimeType.ShouldBe("image/jpeg");
        RequestsTo("/" + mediaId).ShouldBe(2);
        // Not sooner than asked (the retry delay alone is 10 ms).
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task TooManyRequests_WithARetryAfterPastTheLongestWait_GoesToTheCaller_WithItsRetryAfter()
    {
        var mediaId = _graph.AddMedia([1, 2, 3], "image/jpeg");
        _graph.RetryAfter = TimeSpan.FromSeconds(30);
        _graph.FailNext(GraphFailure.TooManyRequests, pathContains: "/" + mediaId);

        var failure = await Should.ThrowAsync<GraphApiException>(() => Client.MediaInfoAsync(Number, mediaId, default));

        (failure.Error.HttpStatus, failure.Error.RetryAfter).ShouldBe((429, TimeSpan.FromSeconds(30)));
        RequestsTo("/" + mediaId).ShouldBe(1);
    }
}
