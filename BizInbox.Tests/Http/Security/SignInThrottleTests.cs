using System.Net;
using AngleSharp.Html.Parser;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;
using BizInbox.Web.Data;

namespace BizInbox.Tests.Http.Security;

public sealed class SignInThrottleTests : IAsyncLifetime, IDisposable
{
    private const string Stranger = "203.0.113.66";
    private const string OwnersOffice = "198.51.100.7";

    private readonly CountingHasher _hasher = new();
    private readonly AppFactory _app;

    public SignInThrottleTests() => _app = new AppFactory
    {
        TestServices = services =>
        {
            ClientAddress.AddTo(services);
            services.AddSingleton<IPasswordHasher<AppUser>>(_hasher);
        },
    };

    public async Task InitializeAsync() => await _app.CompleteSetupAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _app.Dispose();
    }

    [Fact]
    public async Task AStrangerGuessingTheOwnersPassword_IsSlowedDown_ButCannotLockTheOwnerOut()
    {
        var stranger = ClientAddress.From(_app, Stranger);
        var answers = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add(await ErrorAsync(await Forms.SignInAsync(stranger, AppFactory.OwnerEmail, $"guess-number-{i}")));
        }

        answers.Take(3).ShouldAllBe(a => a == "The email or password is not correct.");
        answers.Last().ShouldStartWith("Too many failed attempts. Please wait");
        // Even the right password is not checked from the stranger's address while it waits.
        (await Forms.SignInAsync(stranger, AppFactory.OwnerEmail, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var owner = ClientAddress.From(_app, OwnersOffice);
        var signIn = await Forms.SignInAsync(owner, AppFactory.OwnerEmail, AppFactory.Password);

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var users = _app.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        (await users.IsLockedOutAsync((await users.FindByEmailAsync(AppFactory.OwnerEmail))!)).ShouldBeFalse();
    }

    [Fact]
    public async Task AnUnknownEmail_GetsTheSameAnswer_AfterTheSamePasswordHashingWork()
    {
        var client = ClientAddress.From(_app, "192.0.2.10");

        var before = _hasher.Verifications;
        var known = await ErrorAsync(await Forms.SignInAsync(client, AppFactory.OwnerEmail, "not-the-password"));
        var afterKnown = _hasher.Verifications;
        var unknown = await ErrorAsync(await Forms.SignInAsync(client, "nobody@example.com", "not-the-password"));

        unknown.ShouldBe(known);
        (afterKnown - before).ShouldBe(1);
        (_hasher.Verifications - afterKnown).ShouldBe(1);
    }

    [Fact]
    public async Task WrongCurrentPasswordsOnChangePassword_CountTowardsTheThrottle()
    {
        var client = ClientAddress.From(_app, "192.0.2.20");
        (await Forms.SignInAsync(client, AppFactory.OwnerEmail, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        string last = string.Empty;
        for (var i = 0; i < 5; i++)
        {
            var response = await Forms.SubmitAsync(client, "/account/password", new Dictionary<string, string>
            {
                ["Input.Current"] = $"wrong-current-{i}",
                ["Input.New"] = "a-brand-new-passphrase",
                ["Input.Confirm"] = "a-brand-new-passphrase",
            });
            last = await ErrorAsync(response);
        }

        last.ShouldStartWith("Too many failed attempts. Please wait");
        var signIn = await Forms.SignInAsync(ClientAddress.From(_app, "192.0.2.20"), AppFactory.OwnerEmail, AppFactory.Password);
        (await ErrorAsync(signIn)).ShouldStartWith("Too many failed attempts.");
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return (page.QuerySelector("[role=alert]") ?? page.QuerySelector("#current-error"))?.TextContent.Trim() ?? $"(no error, {(int)response.StatusCode})";
    }

    private sealed class CountingHasher : PasswordHasher<AppUser>
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public override PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
