using BizInbox.Tests.Http;
using BizInbox.Web.Channels.WhatsApp;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>The writer runs on a thread of its own; stopping the app must end it quietly, not as a failure.</summary>
public sealed class WhatsAppBatchWriterLifetimeTests
{
    [Fact]
    public async Task Stopping_ends_the_writer_as_cancelled_not_failed()
    {
        using var app = new AppFactory();
        _ = app.CreateClient();
        var writer = app.Services.GetRequiredService<WhatsAppBatchWriter>();
        var running = writer.ExecuteTask ?? throw new InvalidOperationException("the writer did not start");
        running.IsCompleted.ShouldBeFalse("the writer waits for webhooks while the app runs");

        await writer.StopAsync(CancellationToken.None);

        running.IsCanceled.ShouldBeTrue($"status {running.Status}, {running.Exception?.InnerException?.GetType().Name}");
    }
}
