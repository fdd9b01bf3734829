using BizInbox.Tests.Support;
using System.Net;
using AngleSharp.Html.Parser;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Http;

/// <summary>The static server-rendered page an invitee opens from their link (its form posts, so it is tested over HTTP).</summary>
public sealed class AcceptInvitationTests : IAsyncLifetime, IDisposable
{
    private readonly AppFactory _app = new();
    private AppUser _owner = default!;

    public async Task InitializeAsync() => _owner = await _app.CompleteSetupAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private async Task<string> InvitationPathAsync(string email)
    {
        var owner = _app.Services.MemberFor(_owner.Id);
        var link = await _app.Services.GetRequiredService<TeamService>().InviteAsync(owner, email, TeamRole.Agent, new Uri("http://localhost/"));
        return link.Url.AbsolutePath;
    }

    private async Task<bool> HasAccountAsync(string email)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        return await db.Users.AnyAsync(u => u.Email == email);
    }

    [Fact]
    public async Task MismatchedPasswords_SaySoUnderTheRepetition_KeepTheName_AndCreateNoAccount()
    {
        var path = await InvitationPathAsync("anna@example.com");

        var response = await Forms.SubmitAsync(_app.CreateBrowserLikeClient(), path, new Dictionary<string, string>
        {
            ["Input.Name"] = "Anna Agent",
            ["Input.Password"] = AppFactory.Password,
            ["Input.Confirm"] = AppFactory.Password + "!",
        });

        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#confirm-error")!.TextContent.ShouldBe("The passwords do not match.");
        page.QuerySelector("#password-error").ShouldBeNull();
        page.QuerySelector("#name")!.GetAttribute("value").ShouldBe("Anna Agent");
        (await HasAccountAsync("anna@example.com")).ShouldBeFalse();
    }

    [Fact]
    public async Task MatchingPasswords_CreateTheAccount_AndSignIn()
    {
        var path = await InvitationPathAsync("anna@example.com");

        var response = await Forms.SubmitAsync(_app.CreateBrowserLikeClient(), path, new Dictionary<string, string>
        {
            ["Input.Name"] = "Anna Agent",
            ["Input.Password"] = AppFactory.Password,
            ["Input.Confirm"] = AppFactory.Password,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeTrue();
        cookies!.ShouldContain(c => c.StartsWith("BizInbox.Auth=", StringComparison.Ordinal));
        (await HasAccountAsync("anna@example.com")).ShouldBeTrue();
    }

    [Fact]
    public async Task AUsedLink_SaysSo_AndOffersNoForm()
    {
        var path = await InvitationPathAsync("anna@example.com");
        await _app.Services.GetRequiredService<InvitationAcceptance>().AcceptAsync(path.Split('/')[^1], "Anna Agent", AppFactory.Password);

        var page = new HtmlParser().ParseDocument(await _app.CreateBrowserLikeClient().GetStringAsync(path));

        page.QuerySelector("[role=alert]")!.TextContent.Trim().ShouldBe("This invitation has already been used.");
        page.QuerySelectorAll("form").ShouldBeEmpty();
        page.QuerySelector("a[href='account/login']").ShouldNotBeNull();
    }

    [Fact]
    public async Task AnIncompleteLink_SaysSo()
    {
        var page = new HtmlParser().ParseDocument(await _app.CreateBrowserLikeClient().GetStringAsync("/invite/abc"));

        page.QuerySelector("[role=alert]")!.TextContent.Trim().ShouldBe("This invitation could not be found. The link may be incomplete.");
        page.QuerySelectorAll("form").ShouldBeEmpty();
    }
}
