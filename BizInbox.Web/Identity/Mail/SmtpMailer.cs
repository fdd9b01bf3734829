using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Identity.Mail;

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
