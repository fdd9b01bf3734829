using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Security;

/// <summary>
/// Secrets that travel in URLs (invitation links, the webhook's verify token, reset and session tokens) are cut out
/// of every log line and scope before any provider sees them, including the host's "Request starting" lines.
/// The same wrapper keeps refusals sent to hub clients out of the error log.
/// </summary>
public static partial class LogRedaction
{
    public const string Mask = "[redacted]";

    [GeneratedRegex(@"(\binvite/)[^/?#\s""']+|((?:[?&]|\b)(?:hub\.verify_token|token|code|access_token)=)[^&#\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex Secrets();

    public static string Redact(string text) =>
        Secrets().Replace(text, m => m.Groups[1].Success ? m.Groups[1].Value + Mask : m.Groups[2].Value + Mask);

    /// <summary>Replaces the app's logger factory by one that redacts; every provider, also one added later, is behind it.</summary>
    public static IServiceCollection AddLogRedaction(this IServiceCollection services)
    {
        services.RemoveAll<ILoggerFactory>();
        services.AddSingleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>())));
        return services;
    }

    private sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
            inner.BeginScope(Redacted.From(state, state.ToString() ?? string.Empty));

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // A HubException is the answer the client asked for (rate_limited, message_too_long), not a fault of the
            // server; SignalR would log each one as an error with a stack trace.
            if (exception is HubException && logLevel > LogLevel.Debug)
            {
                logLevel = LogLevel.Debug;
            }

            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            inner.Log(logLevel, eventId, Redacted.From(state, formatter(state, exception)), exception, static (s, _) => s.Message);
        }
    }

    /// <summary>A log state or scope with its message and values redacted; structured providers still see the values.</summary>
    private sealed class Redacted(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = Redact(message);

        public static Redacted From<TState>(TState state, string message) =>
            new(state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => p.Key == "{OriginalFormat}" ? p : new KeyValuePair<string, object?>(p.Key, RedactValue(p.Value))).ToList()
                : [], message);

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;

        private static object? RedactValue(object? value) => value switch
        {
            null or bool or int or long or double or decimal or Guid or DateTimeOffset or DateTime or TimeSpan or Enum => value,
            _ => value.ToString() is { } text && Redact(text) is var redacted && redacted != text ? redacted : value,
        };
    }
}
