using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BizInbox.Tests.Support;

/// <summary>Just enough SMTP on a loopback port to receive one mail per connection and keep its raw text.</summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeSmtpServer()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public TaskCompletionSource<(string To, string Data)> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every mail in the order it arrived, for tests that expect more than one.</summary>
    public System.Threading.Channels.Channel<(string To, string Data)> Mails { get; } = System.Threading.Channels.Channel.CreateUnbounded<(string To, string Data)>();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using (client)
            {
                await ConverseAsync(client.GetStream());
            }
        }
    }

    private async Task ConverseAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 fake ESMTP");
        var to = string.Empty;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var command = line.ToUpperInvariant();
            if (command.StartsWith("EHLO", StringComparison.Ordinal) || command.StartsWith("HELO", StringComparison.Ordinal))
            {
                await writer.WriteLineAsync("250 fake");
            }
            else if (command.StartsWith("RCPT TO:", StringComparison.Ordinal))
            {
                to = line[8..].Trim(' ', '<', '>');
                await writer.WriteLineAsync("250 OK");
            }
            else if (command == "DATA")
            {
                await writer.WriteLineAsync("354 go ahead");
                var data = new StringBuilder();
                while (await reader.ReadLineAsync(_stop.Token) is { } body && body != ".")
                {
                    data.AppendLine(body);
                }

                await writer.WriteLineAsync("250 queued");
                Received.TrySetResult((to, data.ToString()));
                Mails.Writer.TryWrite((to, data.ToString()));
            }
            else if (command == "QUIT")
            {
                await writer.WriteLineAsync("221 bye");
                return;
            }
            else
            {
                await writer.WriteLineAsync("250 OK");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
            // the listener was stopped while accepting
        }
        catch (OperationCanceledException)
        {
            // stopped mid-conversation: the client may still be saying QUIT after its mail was queued
        }

        _stop.Dispose();
    }
}
