using BizInbox.Tests.Support;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;

namespace BizInbox.Tests.Http.Accounts;

public abstract class AccountSessionTests(DatabaseProvider provider, PostgresServer? postgres) : AppTest(provider, postgres)
{
    private const string AgentEmail = "agent@example.com";
    private AppUser _owner = default!;
    private AppUser _agent = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _owner = await App.CompleteSetupAsync();
        _agent = await App.AddMemberAsync(_owner, TeamRole.Agent, AgentEmail);
    }

    [Fact]
    public async Task ACopiedCookie_StopsWorking_OnceItsSessionSignsOut()
    {
        var browser = await SignedInAsync(AppFactory.OwnerEmail);
        var thief = AccountBrowser.WithStolenCookie(App, browser.AuthCookieValue!);
        (await AccountBrowser.IsSignedInAsync(thief)).ShouldBeTrue();

        var signOut = await Forms.SubmitAsync(browser.Client, "/account/security", new Dictionary<string, string>(), "form[action='account/logout-everywhere']");
        signOut.Headers.Location!.OriginalString.ShouldBe("/account/login");

        (await AccountBrowser.IsSignedInAsync(thief)).ShouldBeFalse();
        (await AccountBrowser.IsSignedInAsync(browser.Client)).ShouldBeFalse();
        (await App.AuditEntriesAsync()).Last().Action.ShouldBe(BizInbox.Domain.Audit.AuditAction.SignedOutEverywhere);
    }

    [Fact]
    public async Task SignOutEverywhere_WithoutTheFormsAntiforgeryToken_IsRefused_AndEndsNothing()
    {
        var browser = await SignedInAsync(AppFactory.OwnerEmail);

        var forged = await browser.Client.PostAsync("/account/logout-everywhere", new FormUrlEncodedContent([]));

        forged.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await AccountBrowser.IsSignedInAsync(browser.Client)).ShouldBeTrue();
    }

    [Fact]
    public async Task SigningOut_EndsOnlyThisBrowsersSession_AndACopyOfItsCookie()
    {
        var laptop = await SignedInAsync(AppFactory.OwnerEmail);
        var phone = await SignedInAsync(AppFactory.OwnerEmail);
        var thief = AccountBrowser.WithStolenCookie(App, laptop.AuthCookieValue!);

        var token = await AntiforgeryTokenAsync(laptop);
        var signOut = await laptop.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));

        signOut.Headers.Location!.OriginalString.ShouldBe("/account/login");
        (await AccountBrowser.IsSignedInAsync(thief)).ShouldBeFalse();
        (await AccountBrowser.IsSignedInAsync(phone.Client)).ShouldBeTrue();
    }

    [Fact]
    public async Task AnOwner_SignsAMemberOutEverywhere()
    {
        var agent = await SignedInAsync(AgentEmail);
        var copy = AccountBrowser.WithStolenCookie(App, agent.AuthCookieValue!);

        await App.Services.GetRequiredService<TeamService>().SignOutEverywhereAsync(Principal(_owner), _agent.Id);

        (await AccountBrowser.IsSignedInAsync(agent.Client)).ShouldBeFalse();
        (await AccountBrowser.IsSignedInAsync(copy)).ShouldBeFalse();
    }

    [Fact]
    public async Task AnAgent_CannotSignOthersOut()
    {
        var owner = await SignedInAsync(AppFactory.OwnerEmail);

        await Should.ThrowAsync<BizInbox.Domain.DomainException>(
            () => App.Services.GetRequiredService<TeamService>().SignOutEverywhereAsync(Principal(_agent), _owner.Id));

        (await AccountBrowser.IsSignedInAsync(owner.Client)).ShouldBeTrue();
    }

    [Fact]
    public async Task Deactivation_EndsTheMembersSessionsAtOnce()
    {
        var agent = await SignedInAsync(AgentEmail);

        await App.Services.GetRequiredService<TeamService>().DeactivateAsync(Principal(_owner), _agent.Id);

        (await AccountBrowser.IsSignedInAsync(agent.Client)).ShouldBeFalse();
    }

    private async Task<AccountBrowser> SignedInAsync(string email)
    {
        var browser = new AccountBrowser(App);
        (await Forms.SignInAsync(browser.Client, email, AppFactory.Password)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        browser.AuthCookieValue.ShouldNotBeNull();
        return browser;
    }

    private static async Task<string> AntiforgeryTokenAsync(AccountBrowser browser)
    {
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.Client.GetStringAsync("/account/security"));
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private CurrentMember Principal(AppUser user) => App.Services.MemberFor(user.Id);
}

public sealed class SqliteAccountSessionTests() : AccountSessionTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresAccountSessionTests(PostgresServer postgres) : AccountSessionTests(DatabaseProvider.Postgres, postgres);
