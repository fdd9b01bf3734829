using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Features.Team;

/// <summary>Delivers an invitation link. Returns false when no delivery is configured: the inviter copies the link.</summary>
public interface IInvitationSender
{
    Task<bool> SendAsync(string email, string inviterName, Uri link, CancellationToken ct);
}

/// <summary>The "Email:Smtp" configuration section. Without a host, links are only shown to the inviter.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Email:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "bizinbox@localhost";
}

internal sealed class SmtpInvitationSender(SmtpMailer mailer) : IInvitationSender
{
    public Task<bool> SendAsync(string email, string inviterName, Uri link, CancellationToken ct) =>
        mailer.SendAsync(
            email,
            "Your invitation to BizInbox / Ihre Einladung zu BizInbox",
            $"{inviterName} invited you to BizInbox. / {inviterName} hat Sie zu BizInbox eingeladen.\n\n{link}\n",
            ct);
}

/// <summary>Sends a plain-text e-mail through the configured SMTP server; false when none is configured or sending failed.</summary>
public sealed class SmtpMailer(IOptions<SmtpOptions> options, ILogger<SmtpMailer> logger)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Host);

    public async Task<bool> SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var smtp = options.Value;
        if (!IsConfigured)
        {
            return false;
        }

        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        using var message = new MailMessage(smtp.From, to) { Subject = subject, Body = body };
        try
        {
            await client.SendMailAsync(message, ct);
            return true;
        }
        catch (SmtpException ex)
        {
            // Callers have a way on without the mail (a link shown to the inviter, a reset link from an owner).
            logger.LogWarning("Sending an email failed: {Reason}", ex.Message);
            return false;
        }
    }
}
