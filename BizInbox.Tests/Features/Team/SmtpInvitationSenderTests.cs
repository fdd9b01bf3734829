using BizInbox.Tests.Support;
using BizInbox.Web.Features.Team;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using BizInbox.Web.Identity.Mail;

namespace BizInbox.Tests.Features.Team;

public sealed class SmtpInvitationSenderTests
{
    private static readonly Uri Link = new("https://inbox.example.com/invite/abc123");

    private static SmtpInvitationSender Sender(SmtpOptions options) =>
        new SmtpInvitationSender(new SmtpMailer(Options.Create(options), NullLogger<SmtpMailer>.Instance));

    [Fact]
    public async Task Send_WithAnSmtpHost_MailsTheLinkToTheInvitee()
    {
        await using var smtp = new FakeSmtpServer();
        var sender = Sender(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, EnableSsl = false, From = "team@example.com" });

        var sent = await sender.SendAsync("ben@example.com", "Olga Owner", Link, CancellationToken.None);

        sent.ShouldBeTrue();
        var (to, data) = await smtp.Received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        to.ShouldBe("ben@example.com");
        data.ShouldContain("https://inbox.example.com/invite/abc123");
        data.ShouldContain("Olga Owner");
    }

    [Fact]
    public async Task Send_WithoutAnSmtpHost_LeavesTheLinkToTheInviter() =>
        (await Sender(new SmtpOptions())
            .SendAsync("ben@example.com", "Olga Owner", Link, CancellationToken.None)).ShouldBeFalse();

    [Fact]
    public async Task Send_WhenTheMailServerIsDown_ReportsNotSentInsteadOfFailing()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var sender = Sender(new SmtpOptions { Host = "127.0.0.1", Port = port, EnableSsl = false });

        (await sender.SendAsync("ben@example.com", "Olga Owner", Link, CancellationToken.None)).ShouldBeFalse();
    }
}
