using AngleSharp.Html.Parser;
using System.Net;
using BizInbox.Domain.Team;
using Microsoft.Extensions.DependencyInjection;
using BizInbox.Web.Data;

namespace BizInbox.Tests.Http;

public class AuthorizationTests : IClassFixture<AuthorizationTests.SeededApp>
{
    public sealed class SeededApp : IAsyncLifetime
    {
        public AppFactory App { get; } = new();

        public async Task InitializeAsync()
        {
            var owner = await App.CompleteSetupAsync();
            await App.AddMemberAsync(owner, TeamRole.Manager, "manager@example.com");
            await App.AddMemberAsync(owner, TeamRole.Agent, "agent@example.com");
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private readonly AppFactory _app;

    public AuthorizationTests(SeededApp seeded) => _app = seeded.App;

    public static TheoryData<string, string, bool> PageAccess()
    {
        var data = new TheoryData<string, string, bool>();
        string[] agentPages = ["/", "/inbox", "/search?q=M%C3%BCller%27s%20%22(", "/contacts", "/account/password", "/settings/templates", "/settings/canned-replies"];
        string[] managerPages = ["/reports", "/settings/team", "/settings/labels"];
        string[] ownerPages = ["/settings/profile", "/settings/channels", "/simulator"];
        foreach (var (email, level) in new[] { ("owner@example.com", 3), ("manager@example.com", 2), ("agent@example.com", 1) })
        {
            foreach (var page in agentPages) data.Add(email, page, true);
            foreach (var page in managerPages) data.Add(email, page, level >= 2);
            foreach (var page in ownerPages) data.Add(email, page, level >= 3);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PageAccess))]
    public async Task EachPage_IsOpenOnlyToItsRoles(string email, string path, bool allowed)
    {
        var client = _app.CreateBrowserLikeClient();
        (await Forms.SignInAsync(client, email, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await client.GetAsync(path);

        if (allowed)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        else
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            Forms.RedirectTarget(response).ShouldStartWith("/account/access-denied");
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/contacts")]
    [InlineData("/settings/team")]
    [InlineData("/settings/templates")]
    [InlineData("/simulator")]
    [InlineData("/account/password")]
    public async Task AnonymousVisitor_IsSentToSignIn(string path)
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Forms.RedirectTarget(response).ShouldBe($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}");
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsAnErrorAndSetsNoCookie()
    {
        var client = _app.CreateBrowserLikeClient();

        var response = await Forms.SignInAsync(client, "manager@example.com", "wrong-password-123");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("role=\"alert\"");
        (await client.GetAsync("/inbox")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_FollowsOnlyLocalReturnUrls()
    {
        var client = _app.CreateBrowserLikeClient();

        var response = await Forms.SubmitAsync(client, "/account/login?returnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string>
        {
            ["Input.Email"] = "agent@example.com",
            ["Input.Password"] = AppFactory.Password,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Forms.RedirectTarget(response).ShouldBe("/");
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsRejected()
    {
        var client = _app.CreateBrowserLikeClient();
        await Forms.SignInAsync(client, "agent@example.com", AppFactory.Password);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CultureSwitch_RejectsUnknownLanguagesAndForeignRedirects()
    {
        var client = _app.CreateBrowserLikeClient();

        (await client.GetAsync("/culture/set?culture=fr&returnUrl=/")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var response = await client.GetAsync("/culture/set?culture=de&returnUrl=https%3A%2F%2Fevil.example%2F");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Forms.RedirectTarget(response).ShouldBe("/");
    }

    [Fact]
    public async Task ChangePassword_KeepsThisSession_AndOnlyTheNewPasswordWorksAfterwards()
    {
        const string email = "changer@example.com";
        const string newPassword = "a-brand-new-passphrase";
        var owner = await _app.Services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>()
            .FindByEmailAsync(AppFactory.OwnerEmail);
        await _app.AddMemberAsync(owner!, TeamRole.Agent, email);
        var client = _app.CreateBrowserLikeClient();
        await Forms.SignInAsync(client, email, AppFactory.Password);

        var response = await Forms.SubmitAsync(client, "/account/password", new Dictionary<string, string>
        {
            ["Input.Current"] = AppFactory.Password,
            ["Input.New"] = newPassword,
            ["Input.Confirm"] = newPassword,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Your password has been changed.");
        (await client.GetAsync("/inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Forms.SignInAsync(_app.CreateBrowserLikeClient(), email, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Forms.SignInAsync(_app.CreateBrowserLikeClient(), email, newPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ChangePassword_WithTheWrongCurrentPassword_ChangesNothing()
    {
        var client = _app.CreateBrowserLikeClient();
        await Forms.SignInAsync(client, "manager@example.com", AppFactory.Password);

        var response = await Forms.SubmitAsync(client, "/account/password", new Dictionary<string, string>
        {
            ["Input.Current"] = "not-my-password",
            ["Input.New"] = "another-passphrase-1",
            ["Input.Confirm"] = "another-passphrase-1",
        });

        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#current-error")!.TextContent.ShouldBe("The current password is not correct.");
        (await Forms.SignInAsync(_app.CreateBrowserLikeClient(), "manager@example.com", AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_WithoutAPassword_SaysSoNextToThePassword_AndKeepsTheEmail()
    {
        var response = await Forms.SubmitAsync(_app.CreateBrowserLikeClient(), "/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = "manager@example.com",
            ["Input.Password"] = "",
        });

        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#password-error")!.TextContent.ShouldBe("Please enter your password.");
        page.QuerySelector("#email-error").ShouldBeNull();
        page.QuerySelector("#email")!.GetAttribute("value").ShouldBe("manager@example.com");
    }
}
