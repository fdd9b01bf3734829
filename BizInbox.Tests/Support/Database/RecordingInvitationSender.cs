using System.Collections.Concurrent;
using BizInbox.Web.Features.Team;

namespace BizInbox.Tests.Support.Database;

/// <summary>An <see cref="IInvitationSender"/> that delivers nothing and remembers every call.</summary>
public sealed class RecordingInvitationSender : IInvitationSender
{
    private readonly ConcurrentQueue<SentInvitation> _sent = new();

    /// <summary>What <see cref="SendAsync"/> answers: false behaves like an installation without SMTP.</summary>
    public bool Delivers { get; set; }

    public IReadOnlyList<SentInvitation> Sent => [.. _sent];

    public Task<bool> SendAsync(string email, string inviterName, Uri link, CancellationToken ct)
    {
        _sent.Enqueue(new SentInvitation(email, inviterName, link));
        return Task.FromResult(Delivers);
    }
}

public sealed record SentInvitation(string Email, string InviterName, Uri Link);
