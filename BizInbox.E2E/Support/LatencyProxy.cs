using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace BizInbox.E2E.Support;

/// <summary>
/// A TCP proxy in front of the app that holds every chunk back for a fixed time in each direction, as a slow link
/// between an agent's browser and the server would. It only pumps bytes, so HTTP and WebSockets pass unchanged;
/// chunks keep their order and are not slowed down by each other (latency, not bandwidth).
/// </summary>
public sealed class LatencyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _targetPort;
    private readonly TimeSpan _delay;
    private readonly Task _accepting;

    public LatencyProxy(Uri target, TimeSpan delayEachWay)
    {
        _targetPort = target.Port;
        _delay = delayEachWay;
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        _accepting = AcceptAsync();
    }

    public string BaseUrl { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ConnectAsync(client);
        }
    }

    private async Task ConnectAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient { NoDelay = true })
        {
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = PumpAsync(client.GetStream(), server.GetStream(), connection.Token);
                var down = PumpAsync(server.GetStream(), client.GetStream(), connection.Token);
                await Task.WhenAny(up, down);
                await connection.CancelAsync();
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The browser or the server closed the connection.
            }
        }
    }

    private async Task PumpAsync(Stream from, Stream to, CancellationToken ct)
    {
        var queue = Channel.CreateUnbounded<(long Due, byte[] Chunk)>(new() { SingleReader = true, SingleWriter = true });
        var writing = WriteAsync(queue.Reader, to, ct);
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, ct)) > 0)
            {
                await queue.Writer.WriteAsync((Environment.TickCount64 + (long)_delay.TotalMilliseconds, buffer[..read]), ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        await writing;
    }

    private static async Task WriteAsync(ChannelReader<(long Due, byte[] Chunk)> queue, Stream to, CancellationToken ct)
    {
        try
        {
            await foreach (var (due, chunk) in queue.ReadAllAsync(ct))
            {
                var wait = due - Environment.TickCount64;
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), ct);
                }

                await to.WriteAsync(chunk, ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
