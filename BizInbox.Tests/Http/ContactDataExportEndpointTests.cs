using System.IO.Compression;
using System.Net;
using System.Text.Json;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Contacts.Privacy;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Http;

/// <summary>One contact's data over HTTP: a zip for owners and managers, nothing for agents or strangers.</summary>
public sealed class ContactDataExportEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly AppFactory _app = new();
    private Guid _annaId;

    public async Task InitializeAsync()
    {
        var owner = await _app.CompleteSetupAsync();
        await _app.AddMemberAsync(owner, TeamRole.Agent, "agent@example.com");
        await _app.AddMemberAsync(owner, TeamRole.Manager, "manager@example.com");
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        var anna = Contact.Create("Anna Müller", "anna@example.com", "+491712345678", DateTimeOffset.UtcNow);
        db.Contacts.Add(anna);
        await db.SaveChangesAsync();
        _annaId = anna.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _app.CreateBrowserLikeClient();
        (await Forms.SignInAsync(client, email, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    [Fact]
    public async Task AManager_DownloadsTheContactsDataAsAZip()
    {
        var client = await SignedInAsync("manager@example.com");

        var response = await client.GetAsync("/" + ContactDataExportEndpoints.UrlOf(_annaId));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        zip.Entries.Select(e => e.FullName).ShouldBe(["contact.json", "messages.csv"], ignoreOrder: true);
        using var json = JsonDocument.Parse(zip.GetEntry("contact.json")!.Open());
        json.RootElement.GetProperty("contact").GetProperty("name").GetString().ShouldBe("Anna Müller");
    }

    [Fact]
    public async Task AnUnknownContact_IsNotFound()
    {
        var client = await SignedInAsync(AppFactory.OwnerEmail);

        (await client.GetAsync("/" + ContactDataExportEndpoints.UrlOf(Guid.NewGuid()))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAgent_IsForbidden()
    {
        var client = await SignedInAsync("agent@example.com");

        var response = await client.GetAsync("/" + ContactDataExportEndpoints.UrlOf(_annaId));

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            response.Headers.Location!.ToString().ShouldContain("access-denied");
        }

        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Anna");
    }

    [Fact]
    public async Task AStranger_IsSentToSignIn()
    {
        var client = _app.CreateBrowserLikeClient();

        var response = await client.GetAsync("/" + ContactDataExportEndpoints.UrlOf(_annaId));

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Redirect);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            response.Headers.Location!.ToString().ShouldContain("/account/login", Case.Insensitive);
        }
    }
}
