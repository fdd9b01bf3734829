using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BizInbox.E2E.Support.Circuits;

/// <summary>
/// A real Blazor Server circuit without a browser: prerenders a page with the agent's cookie, connects to <c>/_blazor</c>
/// with the "blazorpack" protocol, starts the circuit and adds the page's root components as blazor.web.js does, then
/// acknowledges every render batch and answers every JavaScript call with a benign result (a reader who follows the thread is at its newest message). Each render batch's strings
/// go to <c>onBatch</c>; errors the server reports (<c>JS.Error</c>), a connection closed under it and anything the
/// SignalR client logs as a warning are collected in <see cref="Errors"/>.
/// </summary>
internal sealed class HeadlessCircuit(Uri baseUri, CookieContainer cookies, Action<IReadOnlyList<string>>? onBatch = null) : IAsyncDisposable
{
    // JSCallResultType.JSObjectReference: the caller expects a handle to a JavaScript object (e.g. a module import).
    private const int ObjectReference = 1;

    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentDictionary<string, int> _jsCalls = new();
    private readonly TaskCompletionSource _firstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection? _hub;
    private string? _circuitId;
    private long _batches;
    private long _jsObjects;
    private volatile bool _closing;

    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>The JavaScript functions the server called, and how often.</summary>
    public IReadOnlyDictionary<string, int> JsCalls => _jsCalls;

    public IReadOnlyList<string> Errors => [.. _errors];

    public bool Started => _circuitId is not null;

    /// <summary>The connection closed without this client closing it.</summary>
    public bool Dropped { get; private set; }

    /// <summary>Opens the circuit on <paramref name="path"/> and waits for its first render batch.</summary>
    public async Task StartAsync(string path, TimeSpan timeout, CancellationToken ct = default)
    {
        var address = new Uri(baseUri, path);
        var page = PrerenderedPage.Parse(await PrerenderAsync(address, ct));
        if (page.ServerComponents.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no interactive server components.");
        }

        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "_blazor"), o =>
        {
            o.Cookies = cookies;
            o.Transports = HttpTransportType.WebSockets;
        });
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        builder.Services.AddLogging(logging => logging.AddProvider(new WarningCollector(_errors)));
        _hub = builder.Build();
        _hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        // (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType), as .NET 10 sends it.
        _hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJSAsync);
        // The renderer attaches root components to places in the page; this client keeps no page.
        _hub.On("JS.AttachComponent", [typeof(int), typeof(string)], _ => Task.CompletedTask);
        _hub.On("JS.EndUpdateRootComponents", [typeof(long)], _ => Task.CompletedTask);
        _hub.On<string>("JS.Error", error => _errors.Enqueue("JS.Error: " + error));
        _hub.Closed += error =>
        {
            if (!_closing)
            {
                Dropped = true;
                _errors.Enqueue("connection closed: " + (error?.Message ?? "by the server"));
            }

            return Task.CompletedTask;
        };

        await _hub.StartAsync(ct);
        _circuitId = await _hub.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), address.ToString(), "[]", page.ApplicationState, ct)
                     ?? throw new InvalidOperationException($"The server refused to start a circuit on {path}: {string.Join("; ", _errors)}");
        await _hub.SendAsync("UpdateRootComponents", page.AddOperations(batchId: 1), page.ApplicationState, ct);
        await _firstBatch.Task.WaitAsync(timeout, ct);
    }

    private async Task<string> PrerenderAsync(Uri address, CancellationToken ct)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        using var response = await http.GetAsync(address, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {address} answered {(int)response.StatusCode} (signed in?).");
        }

        return await response.Content.ReadAsStringAsync(ct);
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        Interlocked.Increment(ref _batches);
        try
        {
            onBatch?.Invoke(RenderBatchStrings.Read(batch));
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            _errors.Enqueue($"render batch {batchId} unreadable: {e.Message}");
        }

        await SendAsync("OnRenderCompleted", batchId, null);
        _firstBatch.TrySetResult();
    }

    private async Task OnBeginInvokeJSAsync(object?[] call)
    {
        var (handle, identifier, resultType) = ((long)call[0]!, (string)call[1]!, (int)call[3]!);
        _jsCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        if (handle == 0)
        {
            return;
        }

        // An agent with a conversation open reads at its newest message.
        var result = resultType == ObjectReference ? $"{{\"__jsObjectId\":{Interlocked.Increment(ref _jsObjects)}}}"
            : identifier == "bizInbox.thread.atBottom" ? "true" : "null";
        await SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{result}]");
    }

    private async Task SendAsync(string method, params object?[] args)
    {
        try
        {
            await _hub!.SendCoreAsync(method, args);
        }
        catch (Exception e) when (!_closing && e is InvalidOperationException or IOException or OperationCanceledException)
        {
            _errors.Enqueue($"{method} not sent: {e.Message}");
        }
    }

    /// <summary>Closes the connection and ends the circuit on the server at once, as a closing browser tab does.</summary>
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        if (_circuitId is not null)
        {
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies });
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["circuitId"] = _circuitId });
            try
            {
                using var _ = await http.PostAsync(new Uri(baseUri, "_blazor/disconnect"), form);
            }
            catch (HttpRequestException)
            {
                // The server is gone already, and its circuits with it.
            }
        }
    }

    /// <summary>Keeps what the SignalR client logs as a warning or worse (e.g. a call it could not bind).</summary>
    private sealed class WarningCollector(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue($"client {logLevel}: {formatter(state, exception)}");
            }
        }

        public void Dispose()
        {
        }
    }
}
