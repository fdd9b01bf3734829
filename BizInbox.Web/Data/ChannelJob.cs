namespace BizInbox.Web.Data;

/// <summary>What a job does with the channel.</summary>
public enum ChannelJobKind
{
    /// <summary>Send an outgoing message.</summary>
    SendMessage = 0,

    /// <summary>Tell WhatsApp the customer's message was read (blue ticks).</summary>
    MarkRead = 1,

    /// <summary>Fetch an incoming message's media into the media store.</summary>
    FetchMedia = 2,
}

/// <summary>Where a job stands.</summary>
public enum ChannelJobState
{
    /// <summary>Waiting until <see cref="ChannelJob.NextAttemptAt"/>.</summary>
    Queued = 0,

    /// <summary>Claimed by the worker; the request may be on its way.</summary>
    Running = 1,

    /// <summary>Done.</summary>
    Done = 2,

    /// <summary>Given up; the reason is in <see cref="ChannelJob.LastError"/> (and on the message).</summary>
    Failed = 3,

    /// <summary>Interrupted after its request left (restart or timeout); never retried by itself.</summary>
    Unconfirmed = 4,
}

/// <summary>
/// The outbox: work for a channel saved in the same transaction as the message it is about, then done by
/// the channel job worker. A job is claimed (committed as <see cref="ChannelJobState.Running"/>) before its
/// request leaves, so a restart can tell a job that never started (sent later) from one that may have gone out
/// (not sent again). With several servers, the claim names its server and holds for a lease that the server renews:
/// another server recovers a claim only once its lease has run out.
/// </summary>
public sealed class ChannelJob
{
    private ChannelJob()
    {
    }

    public long Id { get; private set; }

    public ChannelJobKind Kind { get; private set; }

    public int InboxId { get; private set; }

    public long ConversationId { get; private set; }

    public long MessageId { get; private set; }

    /// <summary>The message, for EF to fill <see cref="MessageId"/> when both are saved together.</summary>
    public Domain.Conversations.Message? Message { get; private set; }

    public ChannelJobState State { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The server that claimed the job last (see <see cref="Servers.ServerIdentity"/>).</summary>
    public string? ClaimedBy { get; private set; }

    /// <summary>While running: until when the claim holds; the claiming server renews it during a long request.</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }

    /// <summary>The last failure, for the message and the settings page (never secrets or message content).</summary>
    public string? LastError { get; private set; }

    public static ChannelJob For(ChannelJobKind kind, int inboxId, long conversationId, Domain.Conversations.Message message, DateTimeOffset now) => new()
    {
        Kind = kind,
        InboxId = inboxId,
        ConversationId = conversationId,
        Message = message,
        MessageId = message.Id,
        State = ChannelJobState.Queued,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public void Started(DateTimeOffset now)
    {
        State = ChannelJobState.Running;
        Attempts++;
        StartedAt = now;
    }

    public void Succeeded(DateTimeOffset now)
    {
        State = ChannelJobState.Done;
        FinishedAt = now;
        LastError = null;
    }

    public void RetryAt(DateTimeOffset at, string error)
    {
        State = ChannelJobState.Queued;
        NextAttemptAt = at;
        LastError = Trim(error);
    }

    public void Failed(DateTimeOffset now, string error)
    {
        State = ChannelJobState.Failed;
        FinishedAt = now;
        LastError = Trim(error);
    }

    public void Unconfirmed(DateTimeOffset now, string error)
    {
        State = ChannelJobState.Unconfirmed;
        FinishedAt = now;
        LastError = Trim(error);
    }

    /// <summary>An agent asked to send it again.</summary>
    public void Requeue(DateTimeOffset now)
    {
        State = ChannelJobState.Queued;
        NextAttemptAt = now;
        FinishedAt = null;
        LastError = null;
    }

    private static string Trim(string error) => error.Length <= 300 ? error : error[..300];
}
