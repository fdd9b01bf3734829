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

internal sealed class SmtpInvitationSender(IOptions<SmtpOptions> options, ILogger<SmtpInvitationSender> logger) : IInvitationSender
{
    public async Task<bool> SendAsync(string email, string inviterName, Uri link, CancellationToken ct)
    {
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return false;
        }

        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        using var message = new MailMessage(smtp.From, email)
        {
            Subject = "Your invitation to BizInbox / Ihre Einladung zu BizInbox",
            Body = $"{inviterName} invited you to BizInbox. / {inviterName} hat Sie zu BizInbox eingeladen.\n\n{link}\n",
        };
        try
        {
            await client.SendMailAsync(message, ct);
            return true;
        }
        catch (SmtpException ex)
        {
            // The link is still shown to the inviter, so a mail failure loses nothing.
            logger.LogWarning("Sending an invitation email failed: {Reason}", ex.Message);
            return false;
        }
    }
}
