using BizInbox.Web.Security;

namespace BizInbox.Tests.Http.Security;

public sealed class LogRedactionTests
{
    [Fact]
    public async Task TokensInRequestUrls_NeverReachALogLineOrScope()
    {
        var logs = new CapturedLogs();
        using var app = new AppFactory { TestServices = logs.AddTo };
        app.Settings["Logging:LogLevel:Default"] = "Information";
        app.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug";
        var client = app.CreateBrowserLikeClient();

        await client.GetAsync("/invite/InvitationSecret42");
        await client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=VerifySecret42&hub.challenge=7");
        await client.GetAsync("/chat?inbox=abc&token=SessionSecret42");

        logs.AllText.ShouldContain("/invite/" + LogRedaction.Mask);
        logs.Lines.Select(l => l.Text).Where(t => t.Contains("InvitationSecret42", StringComparison.Ordinal)).ShouldBeEmpty();
        logs.Lines.Select(l => l.Text).Where(t => t.Contains("VerifySecret42", StringComparison.Ordinal)).ShouldBeEmpty();
        logs.Lines.Select(l => l.Text).Where(t => t.Contains("SessionSecret42", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("GET http://h/invite/abc123?x=1", "GET http://h/invite/[redacted]?x=1")]
    [InlineData("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=s3cr3t&hub.challenge=1", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=[redacted]&hub.challenge=1")]
    [InlineData("reset?token=abc&email=x", "reset?token=[redacted]&email=x")]
    [InlineData("/inbox/42?tab=notes", "/inbox/42?tab=notes")]
    public void Redact_CutsOutOnlyTheSecret(string text, string expected) => LogRedaction.Redact(text).ShouldBe(expected);
}
