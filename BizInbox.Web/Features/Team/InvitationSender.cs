using BizInbox.Web.Identity.Mail;

namespace BizInbox.Web.Features.Team;

/// <summary>Delivers an invitation link. Returns false when no delivery is configured: the inviter copies the link.</summary>
public interface IInvitationSender
{
    Task<bool> SendAsync(string email, string inviterName, Uri link, CancellationToken ct);
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
