using System.Security.Claims;
using BizInbox.Domain.Team;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;

namespace BizInbox.Tests.Http.Accounts;

public sealed class AccountSessionTests : IAsyncLifetime, IDisposable
{
    private const string AgentEmail = "agent@example.com";
    private readonly AppFactory _app = new();
    private AppUser _owner = default!;
    private AppUser _agent = default!;

    public async Task InitializeAsync()
    {
        _owner = await _app.CompleteSetupAsync();
        _agent = await _app.AddMemberAsync(_owner, TeamRole.Agent, AgentEmail);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ACopiedCookie_StopsWorking_OnceItsSessionSignsOut()
    {
        var browser = await SignedInAsync(AppFactory.OwnerEmail);
        var thief = AccountBrowser.WithStolenCookie(_app, browser.AuthCookieValue!);
        (await AccountBrowser.IsSignedInAsync(thief)).ShouldBeTrue();

        var signOut = await Forms.SubmitAsync(browser.Client, "/account/security", new Dictionary<string, string>(), "form[action='account/logout-everywhere']");
        signOut.Headers.Location!.OriginalString.ShouldBe("/account/login");

        (await AccountBrowser.IsSignedInAsync(thief)).ShouldBeFalse();
        (await AccountBrowser.IsSignedInAsync(browser.Client)).ShouldBeFalse();
        (await _app.AuditEntriesAsync()).Last().Action.ShouldBe(BizInbox.Domain.Audit.AuditAction.SignedOutEverywhere);
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
        var thief = AccountBrowser.WithStolenCookie(_app, laptop.AuthCookieValue!);

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
        var copy = AccountBrowser.WithStolenCookie(_app, agent.AuthCookieValue!);

        await _app.Services.GetRequiredService<TeamService>().SignOutEverywhereAsync(Principal(_owner), _agent.Id);

        (await AccountBrowser.IsSignedInAsync(agent.Client)).ShouldBeFalse();
        (await AccountBrowser.IsSignedInAsync(copy)).ShouldBeFalse();
    }

    [Fact]
    public async Task AnAgent_CannotSignOthersOut()
    {
        var owner = await SignedInAsync(AppFactory.OwnerEmail);

        await Should.ThrowAsync<BizInbox.Domain.DomainException>(
            () => _app.Services.GetRequiredService<TeamService>().SignOutEverywhereAsync(Principal(_agent), _owner.Id));

        (await AccountBrowser.IsSignedInAsync(owner.Client)).ShouldBeTrue();
    }

    [Fact]
    public async Task Deactivation_EndsTheMembersSessionsAtOnce()
    {
        var agent = await SignedInAsync(AgentEmail);

        await _app.Services.GetRequiredService<TeamService>().DeactivateAsync(Principal(_owner), _agent.Id);

        (await AccountBrowser.IsSignedInAsync(agent.Client)).ShouldBeFalse();
    }

    private async Task<AccountBrowser> SignedInAsync(string email)
    {
        var browser = new AccountBrowser(_app);
        (await Forms.SignInAsync(browser.Client, email, AppFactory.Password)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        browser.AuthCookieValue.ShouldNotBeNull();
        return browser;
    }

    private static async Task<string> AntiforgeryTokenAsync(AccountBrowser browser)
    {
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.Client.GetStringAsync("/account/security"));
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private static ClaimsPrincipal Principal(AppUser user) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id)], "test"));
}
