using BizInbox.Domain.Team;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Features.Setup;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using BizInbox.Web.Data;

namespace BizInbox.E2E.Support;

/// <summary>
/// The real app on Kestrel, on a free loopback port, with its own fresh SQLite database (a copy of the
/// <see cref="MigratedTemplate"/>: its start-up then has nothing to migrate).
/// Sessions revalidate every two seconds so that access changes can be watched without long waits.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    public const string Password = "correct-horse-battery";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("bizinbox-e2e-").FullName;
    private readonly TimeProvider? _clock;
    private readonly IReadOnlyDictionary<string, string>? _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="clock">The app's clock, when a scenario needs to move time (e.g. <see cref="ShiftableClock"/>).</param>
    /// <param name="settings">Configuration a scenario needs on top of the defaults (e.g. the WhatsApp simulator switched on).</param>
    /// <param name="services">Changes a scenario makes to the app's services (e.g. a background service it starts itself).</param>
    public AppServer(TimeProvider? clock = null, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        _clock = clock;
        _settings = settings;
        _services = services;
        MigratedTemplate.SeedSqliteDataDirectory(_dataDirectory);
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/";
    }

    public string BaseUrl { get; }

    /// <summary>What every test server runs with (in this process or as an <see cref="AppProcess"/>), before a scenario's own settings.</summary>
    public static IReadOnlyDictionary<string, string> TestSettings { get; } = new Dictionary<string, string>
    {
        ["Identity:RevalidationInterval"] = "00:00:02",
        ["Logging:LogLevel:Default"] = "Warning",
        // The fake Graph API and the simulator answer on http://127.0.0.1; outside Development that needs saying.
        ["WhatsApp:Graph:AllowHttpOnLoopback"] = "true",
        // A read the fake Graph API fails is tried again at once, not after the production waits.
        ["WhatsApp:Graph:ReadRetryDelay"] = "00:00:00.010",
        // Every simulated customer connects from this machine's one address: per-address limits would refuse them.
        ["WebChat:Limits:ConnectionsPerAddressPerMinute"] = "100000",
        ["WebChat:Limits:SessionStartsPerAddress"] = "100000",
        ["WebChat:Limits:MessagesPerAddressPerMinute"] = "100000",
    };

    /// <summary>Where the servers' logs go, next to the browser traces.</summary>
    public static string LogDirectory
    {
        get
        {
            var directory = Path.Combine(Environment.GetEnvironmentVariable("BIZINBOX_E2E_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "TestResults"), "e2e");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    /// <summary>Where the app keeps its database and keys.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>Leaves the data directory in place on dispose (another process takes it over).</summary>
    public bool KeepsDataDirectory { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        foreach (var (key, value) in TestSettings.Concat(_settings ?? new Dictionary<string, string>()))
        {
            builder.UseSetting(key, value);
        }

        LogFile = Path.Combine(LogDirectory, $"server-{Path.GetFileName(_dataDirectory)}.log");
        builder.ConfigureLogging(logging => logging.AddProvider(new FileLoggerProvider(LogFile)));
        if (_clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>Warnings and errors of this server, for diagnosing a failed scenario.</summary>
    public string LogFile { get; private set; } = string.Empty;

    public Task<AppUser> CompleteSetupAsync(string email) =>
        Services.GetRequiredService<SetupService>().CompleteAsync(
            new SetupRequest("Fahrradladen Nord", "Europe/Berlin", "Olga Owner", email, Password));

    /// <summary>The member of a new request on this server, signed in as <paramref name="userId"/>.</summary>
    public CurrentMember MemberFor(string userId) => Services.MemberFor(userId);

    /// <summary>Adds a member through the product's own invite-and-accept path.</summary>
    public async Task<AppUser> AddMemberAsync(AppUser owner, TeamRole role, string email, string name)
    {
        var link = await Services.GetRequiredService<TeamService>().InviteAsync(MemberFor(owner.Id), email, role, new Uri(BaseUrl));
        return await Services.GetRequiredService<InvitationAcceptance>().AcceptAsync(link.Url.Segments[^1], name, Password);
    }

    /// <summary>The public key of the web chat inbox that setup created.</summary>
    public async Task<string> WebChatKeyAsync()
    {
        await using var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<BizInbox.Web.Data.BizInboxDbContext>>().CreateDbContextAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Inboxes.Where(i => i.Channel == BizInbox.Domain.Channels.ChannelType.WebChat).Select(i => i.PublicKey));
    }

    /// <summary>The latest conversation of the contact named <paramref name="contactName"/> (a visitor who started in a browser).</summary>
    public async Task<long> ConversationOfContactAsync(string contactName)
    {
        await using var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<BizInbox.Web.Data.BizInboxDbContext>>().CreateDbContextAsync();
        var query = from c in db.Conversations
                    join contact in db.Contacts on c.ContactId equals contact.Id
                    where contact.Name == contactName
                    orderby c.Id descending
                    select c.Id;
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(query);
    }

    /// <summary>What is stored for a contact's conversations, customer messages only, oldest first.</summary>
    public async Task<IReadOnlyList<string>> MessagesOfContactAsync(string contactName)
    {
        await using var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<BizInbox.Web.Data.BizInboxDbContext>>().CreateDbContextAsync();
        var query = from m in db.Messages
                    join c in db.Conversations on m.ConversationId equals c.Id
                    join contact in db.Contacts on c.ContactId equals contact.Id
                    where contact.Name == contactName && m.Kind == BizInbox.Domain.Conversations.MessageKind.Incoming
                    orderby m.Id
                    select m.Text;
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(query);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (KeepsDataDirectory)
        {
            return;
        }

        // A data directory given in the settings goes too when it is a temporary one: the benchmarks' copies of a seeded
        // set (SeededData.Copy), close to a gigabyte each, were left behind after every run.
        foreach (var directory in new[] { _dataDirectory, _settings?.GetValueOrDefault("Database:DataDirectory") }.OfType<string>().Distinct())
        {
            if (directory != _dataDirectory && !Path.GetFullPath(directory).StartsWith(Path.GetTempPath(), StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A lingering SQLite handle; the temp directory is cleaned by the OS.
            }
        }
    }
}
