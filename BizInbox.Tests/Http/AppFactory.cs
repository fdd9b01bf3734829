using System.Security.Claims;
using BizInbox.Domain.Team;
using BizInbox.Web.Features.Setup;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BizInbox.Tests.Http;

/// <summary>The real app on a fresh SQLite database in a temporary directory.</summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string OwnerEmail = "owner@example.com";
    public const string Password = "correct-horse-battery";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("bizinbox-http-").FullName;

    /// <summary>Further configuration (e.g. <c>WhatsApp:Simulator:Enabled</c>); set before the app starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Runs first-run setup through the service, as the setup page does.</summary>
    public async Task<AppUser> CompleteSetupAsync() =>
        await Services.GetRequiredService<SetupService>().CompleteAsync(
            new SetupRequest("Fahrradladen Nord", "Europe/Berlin", "Olga Owner", OwnerEmail, Password));

    /// <summary>Adds a member the way the product does: the owner invites, the invitee accepts.</summary>
    public async Task<AppUser> AddMemberAsync(AppUser owner, TeamRole role, string email)
    {
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner.Id)], "test"));
        var link = await Services.GetRequiredService<TeamService>().InviteAsync(actor, email, role, new Uri("http://localhost/"));
        var token = link.Url.Segments[^1];
        return await Services.GetRequiredService<InvitationAcceptance>().AcceptAsync(token, $"{role} {email}", Password);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment on a slow machine; the OS temp cleaner gets it.
        }
    }
}
