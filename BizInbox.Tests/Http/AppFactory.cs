using BizInbox.Tests.Support;
using BizInbox.Domain.Audit;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Setup;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Http;

/// <summary>
/// The real app on a fresh SQLite database in a temporary directory: a copy of the <see cref="MigratedTemplate"/>,
/// so that its start-up finds nothing to migrate, unless <see cref="StartsOnEmptyDataDirectory"/>; or on the
/// PostgreSQL database named by <see cref="PostgresConnectionString"/>.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string OwnerEmail = "owner@example.com";
    public const string Password = "correct-horse-battery";

    /// <summary>Where the app keeps its database and keys.</summary>
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("bizinbox-http-").FullName;

    /// <summary>Further configuration (e.g. <c>WhatsApp:Simulator:Enabled</c>); set before the app starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>No database is put in place: the app creates and migrates its own at start-up, as in production.</summary>
    public bool StartsOnEmptyDataDirectory { get; init; }

    /// <summary>A PostgreSQL database (from <see cref="PostgresServer"/>) the app runs on instead of its SQLite file.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Services a test adds to the app's own (e.g. a startup filter that appends to its pipeline).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (!StartsOnEmptyDataDirectory && PostgresConnectionString is null)
        {
            MigratedTemplate.SeedSqliteDataDirectory(DataDirectory);
        }

        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", PostgresConnectionString is null ? "Sqlite" : "Postgres");
        builder.UseSetting("Database:ConnectionString", PostgresConnectionString);
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The fake Graph API and the simulator answer on http://127.0.0.1; outside Development that needs saying.
        builder.UseSetting("WhatsApp:Graph:AllowHttpOnLoopback", "true");
        // A read the fake Graph API fails is tried again at once, not after the production waits.
        builder.UseSetting("WhatsApp:Graph:ReadRetryDelay", "00:00:00.010");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is { } add)
        {
            builder.ConfigureServices(add);
        }
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// A SignalR client for one of the app's hubs (e.g. the widget's), speaking WebSockets to the in-memory
    /// server as a browser would; the caller starts and disposes it.
    /// </summary>
    public HubConnection CreateHubConnection(string path) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, path.TrimStart('/')), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                options.WebSocketFactory = async (context, cancel) => await Server.CreateWebSocketClient().ConnectAsync(context.Uri, cancel);
            })
            .Build();

    /// <summary>The public key of the web chat inbox that setup created.</summary>
    public async Task<string> WebChatKeyAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        return await db.Inboxes.Where(i => i.Channel == ChannelType.WebChat).Select(i => i.PublicKey).FirstAsync();
    }

    /// <summary>The audit log's entries, oldest first.</summary>
    public async Task<List<AuditEntry>> AuditEntriesAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>Runs first-run setup through the service, as the setup page does.</summary>
    public async Task<AppUser> CompleteSetupAsync() =>
        await Services.GetRequiredService<SetupService>().CompleteAsync(
            new SetupRequest("Fahrradladen Nord", "Europe/Berlin", "Olga Owner", OwnerEmail, Password));

    /// <summary>Adds a member the way the product does: the owner invites, the invitee accepts.</summary>
    public async Task<AppUser> AddMemberAsync(AppUser owner, TeamRole role, string email)
    {
        var actor = Services.MemberFor(owner.Id);
        var link = await Services.GetRequiredService<TeamService>().InviteAsync(actor, email, role, new Uri("http://localhost/"));
        var token = link.Url.Segments[^1];
        return await Services.GetRequiredService<InvitationAcceptance>().AcceptAsync(token, $"{role} {email}", Password);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment on a slow machine; the OS temp cleaner gets it.
        }
    }
}
