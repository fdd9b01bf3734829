using System.Net;
using System.Text;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Contacts;
using BizInbox.Web.Features.Contacts.Export;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Http;

/// <summary>The contact export over HTTP: a CSV download of the list's filter, for owners and managers only.</summary>
public sealed class ContactExportEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly AppFactory _app = new();
    private int _vipId;

    public async Task InitializeAsync()
    {
        var owner = await _app.CompleteSetupAsync();
        await _app.AddMemberAsync(owner, TeamRole.Agent, "agent@example.com");
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        var anna = Contact.Create("Anna Müller", "anna@example.com", "+491712345678", DateTimeOffset.UtcNow);
        db.Contacts.Add(anna);
        db.Contacts.Add(Contact.Create("=cmd|' /C calc'!A0", null, null, DateTimeOffset.UtcNow));
        var vip = BizInbox.Domain.Labels.Label.Create("VIP", "#1e88e5");
        db.Labels.Add(vip);
        await db.SaveChangesAsync();
        db.ContactLabels.Add(new ContactLabel(anna.Id, vip.Id));
        _vipId = vip.Id;
        await db.SaveChangesAsync();
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
    public async Task TheOwner_DownloadsTheFilteredListAsCsv_WithFormulasNeutralised()
    {
        var client = await SignedInAsync(AppFactory.OwnerEmail);

        var all = await client.GetAsync("/" + ContactExportEndpoints.UrlOf(new ContactQuery()));
        var filtered = await client.GetAsync("/" + ContactExportEndpoints.UrlOf(new ContactQuery("müller")));

        all.StatusCode.ShouldBe(HttpStatusCode.OK);
        all.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        all.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var text = Encoding.UTF8.GetString(await all.Content.ReadAsByteArrayAsync());
        text.ShouldContain("\"'=cmd|' /C calc'!A0\"");
        text.ShouldContain("Anna Müller,\"'+491712345678\",anna@example.com");
        var lines = Encoding.UTF8.GetString(await filtered.Content.ReadAsByteArrayAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        lines[1].ShouldStartWith("Anna Müller,");
    }

    [Fact]
    public async Task TheFile_HoldsOnlyWhatTheListShows_LabelAndAttributeFiltersIncluded()
    {
        var client = await SignedInAsync(AppFactory.OwnerEmail);

        var labelled = await client.GetStringAsync("/" + ContactExportEndpoints.UrlOf(new ContactQuery(LabelId: _vipId)));
        var byUnknownAttribute = await client.GetStringAsync("/" + ContactExportEndpoints.UrlOf(
            new ContactQuery(Attributes: [new AttributeCondition(999, AttributeOperator.IsSet)])));
        var unreadable = await client.GetAsync("/" + ContactExportEndpoints.Path.TrimStart('/') + "?attributes=%7Bnot-json");

        labelled.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ShouldHaveSingleItem().ShouldStartWith("Anna Müller,");
        byUnknownAttribute.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
        unreadable.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnAgent_GetsNoCsv()
    {
        var client = await SignedInAsync("agent@example.com");

        var response = await client.GetAsync("/" + ContactExportEndpoints.UrlOf(new ContactQuery()));

        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Anna Müller");
    }
}
