using System.Text.RegularExpressions;
using BizInbox.Domain.Conversations;

namespace BizInbox.Domain.CannedReplies;

/// <summary>
/// An answer an agent inserts with a <c>/shortcut</c>: shared with the team (<see cref="OwnerUserId"/> null) or
/// personal to one member. The text may hold variables (see <see cref="ReplyVariables"/>).
/// </summary>
public sealed partial class CannedReply
{
    /// <summary>Longest shortcut accepted.</summary>
    public const int MaxShortcutLength = 32;

    /// <summary>Longest text: WhatsApp's limit for a text message.</summary>
    public const int MaxTextLength = Message.MaxTextLength;

    /// <summary>Longest text with a picture, video or document: it goes as the file's caption.</summary>
    public const int MaxCaptionLength = 1024;

    private CannedReply()
    {
        Shortcut = string.Empty;
        Text = string.Empty;
        Buttons = [];
    }

    /// <summary>Identifier.</summary>
    public int Id { get; private set; }

    /// <summary>What follows the "/" in the composer: lowercase letters, digits, '-' and '_'.</summary>
    public string Shortcut { get; private set; }

    /// <summary>The reply's text, variables not yet filled.</summary>
    public string Text { get; private set; }

    /// <summary>Titles of WhatsApp reply buttons sent with the text; empty for a plain text.</summary>
    public IReadOnlyList<string> Buttons { get; private set; }

    /// <summary>The stored file (a media file's id) that goes with the text, or null.</summary>
    public Guid? AttachmentId { get; private set; }

    /// <summary>The member a personal reply belongs to; null for a reply shared with the team.</summary>
    public string? OwnerUserId { get; private set; }

    /// <summary>Whether the whole team uses it.</summary>
    public bool IsShared => OwnerUserId is null;

    /// <summary>A reply every member can use.</summary>
    public static CannedReply Shared(string shortcut, string text, IEnumerable<string>? buttons = null, CannedAttachment? attachment = null) =>
        Create(null, shortcut, text, buttons, attachment);

    /// <summary>A reply only <paramref name="ownerUserId"/> sees and uses.</summary>
    public static CannedReply Personal(string ownerUserId, string shortcut, string text, IEnumerable<string>? buttons = null, CannedAttachment? attachment = null)
    {
        if (string.IsNullOrWhiteSpace(ownerUserId))
        {
            throw new ArgumentException("A personal reply needs its owner.", nameof(ownerUserId));
        }

        return Create(ownerUserId, shortcut, text, buttons, attachment);
    }

    /// <summary>
    /// Replaces shortcut, text, buttons and file; the scope never changes. A file goes with the text as its caption
    /// (none for audio), and not with buttons: WhatsApp's reply buttons are sent here without a media header.
    /// </summary>
    public void Change(string shortcut, string text, IEnumerable<string>? buttons = null, CannedAttachment? attachment = null)
    {
        var validShortcut = ValidShortcut(shortcut);
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new DomainException("canned.text_required", "Please enter the reply's text.");
        }

        if (trimmed.Length > MaxTextLength)
        {
            throw new DomainException("canned.text_too_long", $"A reply may have at most {MaxTextLength} characters.");
        }

        var titles = (buttons ?? []).Where(b => !string.IsNullOrWhiteSpace(b)).ToList();
        if (attachment is not null && titles.Count > 0)
        {
            throw new DomainException("canned.attachment_with_buttons", "A reply with buttons cannot carry a file: remove the buttons or the file.");
        }

        if (attachment is { TakesCaption: true } && trimmed.Length > MaxCaptionLength)
        {
            throw new DomainException("canned.caption_too_long", $"With a picture, video or document the text is its caption: at most {MaxCaptionLength} characters.");
        }

        Buttons = titles.Count == 0 ? [] : Interactive.ValidButtons(trimmed, titles).Select(b => b.Title).ToList();
        Shortcut = validShortcut;
        Text = trimmed;
        AttachmentId = attachment?.FileId;
    }

    /// <summary>
    /// Whether this reply and <paramref name="other"/> would both be offered to some member under the same
    /// shortcut: a shared one clashes with every reply, a personal one with the same owner's.
    /// </summary>
    public bool ClashesWith(CannedReply other) =>
        !ReferenceEquals(other, this) && (Id == 0 || other.Id != Id) && other.Shortcut == Shortcut && (IsShared || other.IsShared || other.OwnerUserId == OwnerUserId);

    /// <summary>Throws when one of <paramref name="others"/> takes this reply's shortcut (see <see cref="ClashesWith"/>).</summary>
    public void EnsureShortcutFree(IEnumerable<CannedReply> others)
    {
        if (others.FirstOrDefault(ClashesWith) is not { } taken)
        {
            return;
        }

        throw taken.IsShared
            ? new DomainException("canned.shortcut_taken_shared", "A shared reply already uses this shortcut.")
            : IsShared
                ? new DomainException("canned.shortcut_taken_personal", "A member's personal reply already uses this shortcut.")
                : new DomainException("canned.shortcut_taken", "You already have a reply with this shortcut.");
    }

    /// <summary>Checks a shortcut; a leading "/" is dropped and letters are lowered so "/Hello" means "hello".</summary>
    public static string ValidShortcut(string? shortcut)
    {
        var value = (shortcut ?? string.Empty).Trim().TrimStart('/').ToLowerInvariant();
        if (value.Length == 0)
        {
            throw new DomainException("canned.shortcut_required", "Please enter a shortcut.");
        }

        if (value.Length > MaxShortcutLength || !ShortcutPattern().IsMatch(value))
        {
            throw new DomainException("canned.shortcut_invalid", $"A shortcut has 1 to {MaxShortcutLength} lowercase letters, digits, '-' or '_'.");
        }

        return value;
    }

    private static CannedReply Create(string? ownerUserId, string shortcut, string text, IEnumerable<string>? buttons, CannedAttachment? attachment)
    {
        var reply = new CannedReply { OwnerUserId = ownerUserId };
        reply.Change(shortcut, text, buttons, attachment);
        return reply;
    }

    [GeneratedRegex(@"^[a-z0-9_-]+\z")]
    private static partial Regex ShortcutPattern();
}

/// <summary>A stored file for a canned reply and what WhatsApp makes of it (audio and voice messages take no caption).</summary>
public sealed record CannedAttachment(Guid FileId, MessageContentType Type)
{
    public bool TakesCaption => Type is not (MessageContentType.Audio or MessageContentType.Voice);
}
