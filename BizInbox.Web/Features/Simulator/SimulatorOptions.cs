namespace BizInbox.Web.Features.Simulator;

/// <summary>
/// <c>WhatsApp:Simulator</c>: a stand-in for Meta and for a customer's phone, for demos without a Meta account. Off
/// unless <see cref="Enabled"/> is set; when off, nothing of it is reachable.
/// </summary>
public sealed class SimulatorOptions
{
    public const string Section = "WhatsApp:Simulator";

    /// <summary>Where the fake Graph API answers, below the app's own address.</summary>
    public const string GraphPath = "/simulator/graph";

    /// <summary>The simulated business number's ids (digits, as Meta's ids are; the 555 range is fictional).</summary>
    public const string PhoneNumberId = "555000000000001";

    public const string BusinessAccountId = "555000000000009";

    public const string DisplayPhoneNumber = "+1 555-0100";

    /// <summary>The display number as webhooks name it: digits only.</summary>
    internal static readonly string DisplayDigits = new([.. DisplayPhoneNumber.Where(char.IsAsciiDigit)]);

    public bool Enabled { get; set; }

    /// <summary>
    /// The address the app reaches itself at, e.g. <c>http://localhost:8080/</c>. By default the address the owner
    /// opened the simulator page with; set it when that public address is not reachable from the server itself.
    /// </summary>
    public string? AppBaseUrl { get; set; }

    /// <summary>Whether a connection's Graph address is the simulator's (then its token may use the fake).</summary>
    internal static bool IsSimulator(string graphBaseUrl) => graphBaseUrl.EndsWith(GraphPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>The app's own base address (origin and path base, no trailing slash) behind a simulator Graph address.</summary>
    internal static string AppBaseOf(string graphBaseUrl) =>
        IsSimulator(graphBaseUrl) ? graphBaseUrl[..^GraphPath.Length] : throw new InvalidOperationException("Not a simulator connection.");
}

public static class SimulatorServiceCollectionExtensions
{
    /// <summary>The simulator's parts; they stay idle (and its endpoints unmapped) unless <c>WhatsApp:Simulator:Enabled</c> is true.</summary>
    public static IServiceCollection AddWhatsAppSimulator(this IServiceCollection services)
    {
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section);
        services.AddSingleton<SimulatorStore>();
        services.AddSingleton<SimulatorProfiles>();
        services.AddSingleton(sp => new SimulatorWebhooks(
            new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(10) }) { Timeout = TimeSpan.FromSeconds(30) },
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SimulatorWebhooks>>()));
        services.AddSingleton<SimulatorStatusSender>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatorStatusSender>());
        return services;
    }
}
