namespace BizInbox.Web.Channels;

/// <summary>What the composer may offer on a conversation right now, as its channel says.</summary>
/// <param name="Kinds">The kinds of reply that can go out now; the first is the one to fall back to.</param>
/// <param name="ChoosesKind">Whether the agent picks among kinds (WhatsApp's panel) rather than writing text with an optional file.</param>
/// <param name="WindowOpen">Whether free-form replies are allowed (always, on a channel without a customer-service window).</param>
/// <param name="WindowClosesAt">When the channel's customer-service window closes (or closed); null without one or before the customer wrote.</param>
public sealed record ComposerOffer(IReadOnlyList<ReplyKind> Kinds, bool ChoosesKind, bool WindowOpen, DateTimeOffset? WindowClosesAt)
{
    /// <summary>Before the conversation's channel is known: text only.</summary>
    public static readonly ComposerOffer TextOnly = new([ReplyKind.Text], ChoosesKind: false, WindowOpen: true, WindowClosesAt: null);

    public bool Takes(ReplyKind kind) => Kinds.Contains(kind);

    /// <summary>The agent's choice when it can go out now, else the fallback.</summary>
    public ReplyKind Effective(ReplyKind chosen) => Takes(chosen) ? chosen : Kinds[0];
}
