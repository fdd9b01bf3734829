using System.Net;
using AngleSharp.Html.Parser;
using BizInbox.Domain.Audit;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;

namespace BizInbox.Tests.Http.Accounts;

public abstract class TwoFactorSignInTests(DatabaseProvider provider, PostgresServer? postgres) : AppTest(provider, postgres)
{
    private const string AgentEmail = "agent@example.com";
    private AppUser _owner = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _owner = await App.CompleteSetupAsync();
    }

    [Fact]
    public async Task WithTwoFactorOn_SignInAsksForTheAppsCode_AfterThePassword()
    {
        var (key, _) = await TurnOnAsync(AppFactory.OwnerEmail);
        var browser = new AccountBrowser(App);

        var password = await Forms.SignInAsync(browser.Client, AppFactory.OwnerEmail, AppFactory.Password);
        Forms.RedirectTarget(password).ShouldStartWith("/account/login-2fa");
        (await AccountBrowser.IsSignedInAsync(browser.Client)).ShouldBeFalse();

        var wrong = await SecondStepAsync(browser, "/account/login-2fa", "000000" == Totp.Now(key) ? "111111" : "000000");
        (await AccountBrowser.TextAsync(wrong)).ShouldContain("This code is not correct.");
        var right = await SecondStepAsync(browser, "/account/login-2fa", Totp.Now(key));

        Forms.RedirectTarget(right).ShouldBe("/");
        (await AccountBrowser.IsSignedInAsync(browser.Client)).ShouldBeTrue();
        var audit = await App.AuditEntriesAsync();
        audit.ShouldContain(e => e.Action == AuditAction.TwoFactorEnabled && e.ActorId == _owner.Id);
        audit.TakeLast(2).Select(e => (e.Action, e.Details)).ShouldBe([
            (AuditAction.SignInFailed, "wrong authenticator code"), (AuditAction.SignedIn, "authenticator code")]);
    }

    [Fact]
    public async Task ARecoveryCode_SignsInOnce()
    {
        var (_, codes) = await TurnOnAsync(AppFactory.OwnerEmail);
        codes.Count.ShouldBe(10);

        var first = new AccountBrowser(App);
        await Forms.SignInAsync(first.Client, AppFactory.OwnerEmail, AppFactory.Password);
        Forms.RedirectTarget(await SecondStepAsync(first, "/account/login-2fa?recovery=true", codes[0])).ShouldBe("/");

        var second = new AccountBrowser(App);
        await Forms.SignInAsync(second.Client, AppFactory.OwnerEmail, AppFactory.Password);
        var again = await SecondStepAsync(second, "/account/login-2fa?recovery=true", codes[0]);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AccountBrowser.IsSignedInAsync(second.Client)).ShouldBeFalse();
        (await first.PageTextAsync("/account/security")).ShouldContain("Recovery codes left: 9");
        (await App.AuditEntriesAsync()).TakeLast(2).Select(e => (e.Action, e.Details)).ShouldBe([
            (AuditAction.SignedIn, "recovery code, 9 left"), (AuditAction.SignInFailed, "wrong recovery code")]);
    }

    [Fact]
    public async Task RenewingTheRecoveryCodes_ReplacesThem_AndIsRecorded()
    {
        var (browser, codes) = await OwnerSignedInWithTwoFactorAsync();

        var renewed = await Forms.SubmitAsync(browser.Client, "/account/security", new Dictionary<string, string>(), "form[data-testid=renew-codes]");

        var fresh = new HtmlParser().ParseDocument(await renewed.Content.ReadAsStringAsync())
            .QuerySelectorAll("[data-testid=recovery-codes] code").Select(c => c.TextContent.Trim()).ToList();
        fresh.Count.ShouldBe(10);
        fresh.ShouldNotContain(codes[0]);
        (await App.AuditEntriesAsync()).Last().ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe(AuditAction.RecoveryCodesRenewed),
            e => e.ActorId.ShouldBe(_owner.Id));
    }

    [Fact]
    public async Task WhenTheTeamRequiresIt_AMemberWithoutTwoFactor_SetsItUpBeforeUsingTheConsole()
    {
        await App.AddMemberAsync(_owner, TeamRole.Agent, AgentEmail);
        await App.Services.GetRequiredService<TeamService>().RequireTwoFactorAsync(
            App.Services.MemberFor(_owner.Id), true);
        var agent = new AccountBrowser(App);
        await Forms.SignInAsync(agent.Client, AgentEmail, AppFactory.Password);

        var inbox = await agent.Client.GetAsync("/inbox");
        Forms.RedirectTarget(inbox).ShouldBe("/account/security?required=true");
        (await agent.PageTextAsync("/account/security?required=true")).ShouldContain("Your team requires two-factor sign-in.");

        await EnableOnPageAsync(agent);

        (await agent.Client.GetAsync("/inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.AuditEntriesAsync()).ShouldContain(e =>
            e.Action == AuditAction.TeamTwoFactorRequirementChanged && e.ActorId == _owner.Id && e.Details == "required");
    }

    [Fact]
    public async Task OnlyAnOwner_CanRequireTwoFactorForTheTeam()
    {
        var manager = await App.AddMemberAsync(_owner, TeamRole.Manager, "manager@example.com");

        await Should.ThrowAsync<BizInbox.Domain.DomainException>(() => App.Services.GetRequiredService<TeamService>().RequireTwoFactorAsync(
            App.Services.MemberFor(manager.Id), true));
        (await App.Services.GetRequiredService<TeamService>().IsTwoFactorRequiredAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task TurningItOff_NeedsThePasswordOrACode()
    {
        var (browser, _) = await OwnerSignedInWithTwoFactorAsync();

        var refused = await Forms.SubmitAsync(browser.Client, "/account/security",
            new Dictionary<string, string> { ["Disable.Secret"] = "not-my-password" }, "form[data-testid=disable-2fa]");
        (await AccountBrowser.TextAsync(refused)).ShouldContain("two-factor sign-in stays on");

        await Forms.SubmitAsync(browser.Client, "/account/security",
            new Dictionary<string, string> { ["Disable.Secret"] = AppFactory.Password }, "form[data-testid=disable-2fa]");

        var again = new AccountBrowser(App);
        Forms.RedirectTarget(await Forms.SignInAsync(again.Client, AppFactory.OwnerEmail, AppFactory.Password)).ShouldBe("/");
        (await App.AuditEntriesAsync()).ShouldContain(e => e.Action == AuditAction.TwoFactorDisabled && e.ActorId == _owner.Id);
    }

    /// <summary>The owner turns two-factor sign-in on, then signs in afresh with both steps.</summary>
    private async Task<(AccountBrowser Browser, IReadOnlyList<string> Codes)> OwnerSignedInWithTwoFactorAsync()
    {
        var (key, codes) = await TurnOnAsync(AppFactory.OwnerEmail);
        var browser = new AccountBrowser(App);
        await Forms.SignInAsync(browser.Client, AppFactory.OwnerEmail, AppFactory.Password);
        await SecondStepAsync(browser, "/account/login-2fa", Totp.Now(key));
        return (browser, codes);
    }

    /// <summary>Signs in and turns two-factor sign-in on through the page, as a member would with an app.</summary>
    private async Task<(string Key, IReadOnlyList<string> Codes)> TurnOnAsync(string email)
    {
        var browser = new AccountBrowser(App);
        await Forms.SignInAsync(browser.Client, email, AppFactory.Password);
        return await EnableOnPageAsync(browser);
    }

    private static async Task<(string Key, IReadOnlyList<string> Codes)> EnableOnPageAsync(AccountBrowser browser)
    {
        var page = await browser.Client.GetAsync("/account/security");
        var key = (await AccountBrowser.TestIdTextAsync(page, "shared-key"))!;
        var enabled = await Forms.SubmitAsync(browser.Client, "/account/security", new Dictionary<string, string> { ["Input.Code"] = Totp.Now(key) });
        var codes = new HtmlParser().ParseDocument(await enabled.Content.ReadAsStringAsync())
            .QuerySelectorAll("[data-testid=recovery-codes] code").Select(c => c.TextContent.Trim()).ToList();
        codes.ShouldNotBeEmpty();
        return (key, codes);
    }

    private static Task<HttpResponseMessage> SecondStepAsync(AccountBrowser browser, string page, string code) =>
        Forms.SubmitAsync(browser.Client, page, new Dictionary<string, string> { ["Input.Code"] = code });
}

public sealed class SqliteTwoFactorSignInTests() : TwoFactorSignInTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresTwoFactorSignInTests(PostgresServer postgres) : TwoFactorSignInTests(DatabaseProvider.Postgres, postgres);
