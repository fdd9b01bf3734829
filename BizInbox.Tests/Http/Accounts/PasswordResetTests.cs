using System.Net;
using BizInbox.Domain.Audit;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;

namespace BizInbox.Tests.Http.Accounts;

#pragma warning disable CA1001 // xUnit disposes it through IAsyncLifetime.DisposeAsync
public abstract class PasswordResetTests(DatabaseProvider provider, PostgresServer? postgres) : AppTest(provider, postgres)
{
    private const string AgentEmail = "agent@example.com";
    private const string NewPassword = "a-fresh-long-passphrase";
    private readonly FakeSmtpServer _smtp = new();
    private AppUser _owner = default!;
    private AppUser _agent = default!;

    protected override void Configure(AppFactory app)
    {
        app.Settings["Email:Smtp:Host"] = "127.0.0.1";
        app.Settings["Email:Smtp:Port"] = _smtp.Port.ToString();
        app.Settings["Email:Smtp:EnableSsl"] = "false";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _owner = await App.CompleteSetupAsync();
        _agent = await App.AddMemberAsync(_owner, TeamRole.Agent, AgentEmail);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task AResetLinkFromAnOwner_WorksOnce_AndEndsTheMembersSessions()
    {
        var oldSession = new AccountBrowser(App);
        await Forms.SignInAsync(oldSession.Client, AgentEmail, AppFactory.Password);
        var link = await App.Services.GetRequiredService<TeamService>().CreateResetLinkAsync(Owner(), _agent.Id, new Uri("http://localhost/"));
        var browser = new AccountBrowser(App);

        var reset = await Forms.SubmitAsync(browser.Client, link.PathAndQuery, Passwords(NewPassword));
        (await AccountBrowser.TextAsync(reset)).ShouldContain("Your password has been changed.");

        (await browser.PageTextAsync(link.PathAndQuery)).ShouldContain("This link has expired or has already been used.");
        (await AccountBrowser.IsSignedInAsync(oldSession.Client)).ShouldBeFalse();
        Forms.RedirectTarget(await Forms.SignInAsync(new AccountBrowser(App).Client, AgentEmail, NewPassword)).ShouldBe("/");
        (await App.AuditEntriesAsync()).ShouldContain(e =>
            e.Action == AuditAction.PasswordReset && e.ActorId == _agent.Id && e.Details == "reset link");
    }

    [Fact]
    public async Task AnAgent_CannotMakeAResetLinkForTheOwner() =>
        await Should.ThrowAsync<BizInbox.Domain.DomainException>(() => App.Services.GetRequiredService<TeamService>().CreateResetLinkAsync(
            App.Services.MemberFor(_agent.Id), _owner.Id, new Uri("http://localhost/")));

    [Fact]
    public async Task ForgotPassword_AnswersTheSameForUnknownAndKnownAddresses_AndMailsOnlyTheMember()
    {
        var unknown = await Forms.SubmitAsync(new AccountBrowser(App).Client, "/account/forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com" });
        var known = await Forms.SubmitAsync(new AccountBrowser(App).Client, "/account/forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = AgentEmail });

        (await AccountBrowser.TextAsync(unknown)).ShouldBe(await AccountBrowser.TextAsync(known));
        var (to, mail) = await NextMailAsync(m => Body(m.Data).Contains("/account/reset-password?user=", StringComparison.Ordinal));
        to.ShouldBe(AgentEmail);
        Body(mail).ShouldContain(_agent.Id);
        var requests = (await App.AuditEntriesAsync()).Where(e => e.Action == AuditAction.PasswordResetRequested).ToList();
        requests.Select(e => e.ActorName).ShouldBe(["nobody@example.com", AgentEmail]);
        requests.ShouldAllBe(e => e.ActorId == null && e.Details == null);
    }

    [Fact]
    public async Task ALockedOutOwner_ChoosesANewPasswordWithARecoveryCode()
    {
        var users = App.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var owner = (await users.FindByIdAsync(_owner.Id))!;
        await users.ResetAuthenticatorKeyAsync(owner);
        await users.SetTwoFactorEnabledAsync(owner, true);
        var code = (await users.GenerateNewTwoFactorRecoveryCodesAsync(owner, 10))!.First();
        await users.SetLockoutEndDateAsync(owner, DateTimeOffset.UtcNow.AddHours(1));

        var fields = Passwords(NewPassword);
        fields["Input.Email"] = AppFactory.OwnerEmail;
        fields["Input.Code"] = code;
        var recovered = await Forms.SubmitAsync(new AccountBrowser(App).Client, "/account/recover", fields);

        (await AccountBrowser.TextAsync(recovered)).ShouldContain("Your password has been changed.");
        var signIn = await Forms.SignInAsync(new AccountBrowser(App).Client, AppFactory.OwnerEmail, NewPassword);
        Forms.RedirectTarget(signIn).ShouldStartWith("/account/login-2fa");
        var reused = await Forms.SubmitAsync(new AccountBrowser(App).Client, "/account/recover", fields);
        (await AccountBrowser.TextAsync(reused)).ShouldContain("The email or recovery code is not correct.");
        (await App.AuditEntriesAsync()).Where(e => e.Action == AuditAction.PasswordReset).ShouldHaveSingleItem()
            .ShouldSatisfyAllConditions(e => e.ActorId.ShouldBe(_owner.Id), e => e.Details.ShouldBe("recovery code"));
    }

    /// <summary>The first mail that matches (the invitation that added the agent came before).</summary>
    private async Task<(string To, string Data)> NextMailAsync(Func<(string To, string Data), bool> matches)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var mail = await _smtp.Mails.Reader.ReadAsync(timeout.Token);
            if (matches(mail))
            {
                return mail;
            }
        }
    }

    /// <summary>The mail's text: System.Net.Mail encodes a body with umlauts in base64 or quoted-printable.</summary>
    private static string Body(string mail)
    {
        var text = mail.Replace("\r\n", "\n", StringComparison.Ordinal);
        var body = text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..].TrimEnd('\n', '.');
        if (text.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split('\n'))));
        }

        return System.Text.RegularExpressions.Regex.Replace(body.Replace("=\n", string.Empty, StringComparison.Ordinal), "=([0-9A-F]{2})",
            m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
    }

    private CurrentMember Owner() => App.Services.MemberFor(_owner.Id);

    private static Dictionary<string, string> Passwords(string password) => new()
    {
        ["Input.Password"] = password,
        ["Input.Confirm"] = password,
    };
}

#pragma warning restore CA1001

public sealed class SqlitePasswordResetTests() : PasswordResetTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresPasswordResetTests(PostgresServer postgres) : PasswordResetTests(DatabaseProvider.Postgres, postgres);

public sealed class ExpiredResetLinkTests : IAsyncLifetime, IDisposable
{
    // A lifetime shorter than any request: the link is past it by the time it is opened.
    private readonly AppFactory _app = new() { Settings = { ["Identity:PasswordResetLinkLifetime"] = "00:00:00.001" } };

    public async Task InitializeAsync() => await _app.CompleteSetupAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnExpiredResetLink_NoLongerOffersTheForm()
    {
        var users = _app.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var owner = (await users.FindByEmailAsync(AppFactory.OwnerEmail))!;
        var link = await BizInbox.Web.Identity.Recovery.PasswordResets.LinkForAsync(users, owner, new Uri("http://localhost/"));

        var page = await new AccountBrowser(_app).Client.GetAsync(link.PathAndQuery);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AccountBrowser.TextAsync(page)).ShouldContain("This link has expired or has already been used.");
    }
}
