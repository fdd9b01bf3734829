using BizInbox.Domain.Channels;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.Labels;

namespace BizInbox.Web.Features.Contacts;

public enum ContactSort
{
    LastActivity,
    Name,
    Created,

    /// <summary>By the custom attribute <see cref="ContactQuery.SortAttributeId"/> names.</summary>
    Attribute,
}

/// <summary>
/// Which contacts to show: a search in name, email and phone, the channel they wrote on, instants bounding creation
/// and last activity (from inclusive, to exclusive), an order and a page (counted from 0); <see cref="Attributes"/> are
/// conditions on custom attributes, all of which must hold. <see cref="SortAttributeId"/> is the attribute to sort by
/// when <see cref="Sort"/> is <see cref="ContactSort.Attribute"/>.
/// </summary>
public sealed record ContactQuery(
    string? Search = null,
    ChannelType? Channel = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    DateTimeOffset? ActiveFrom = null,
    DateTimeOffset? ActiveTo = null,
    ContactSort Sort = ContactSort.LastActivity,
    bool Descending = true,
    int Page = 0,
    int PageSize = 25,
    int? LabelId = null,
    ContactStanding? Standing = null,
    IReadOnlyList<AttributeCondition>? Attributes = null,
    int? SortAttributeId = null)
{
    public const int MaxPageSize = 100;

    /// <summary>Whether anything narrows the list (the empty list then says "no match" rather than "no contacts yet").</summary>
    public bool IsFiltered => !string.IsNullOrWhiteSpace(Search) || Channel is not null || LabelId is not null || Standing is not null
        || CreatedFrom is not null || CreatedTo is not null || ActiveFrom is not null || ActiveTo is not null
        || Attributes is { Count: > 0 };
}

/// <summary>Which blocked contacts the list shows: every blocked one (spam included) or only those reported as spam.</summary>
public enum ContactStanding
{
    Blocked,
    Spam,
}

/// <summary>A contact in the list; <see cref="Phone"/> is formatted for display.</summary>
public sealed record ContactRow(
    Guid Id, string Name, string? Email, string? Phone, string? Company, DateTimeOffset CreatedAt, DateTimeOffset? LastActivityAt,
    IReadOnlyList<ChannelType> Channels, IReadOnlyList<LabelChip> Labels, bool Blocked, bool Spam);

public sealed record ContactList(IReadOnlyList<ContactRow> Rows, int Total);

/// <summary>A contact's record as the contact page and the inbox's panel edit it (<see cref="Phone"/> in E.164).</summary>
public sealed record ContactRecord(
    Guid Id, string Name, string? Email, string? Phone, string? Company, string? Language, DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt);

/// <summary>What a member typed into the contact form.</summary>
public sealed record ContactInput(string Name, string? Email, string? Phone, string? Company, string? Language);

/// <summary>A note on the contact page; <see cref="CanDelete"/> says whether the asking member may delete it.</summary>
public sealed record ContactNoteRow(long Id, string AuthorName, string Text, DateTimeOffset CreatedAt, bool CanDelete);

/// <summary>One of the contact's conversations, on any channel.</summary>
public sealed record ContactConversationRow(
    long Id, ChannelType Channel, string InboxName, ConversationStatus Status, string LastMessage, DateTimeOffset LastActivityAt);

/// <summary>How a search text is read as a phone number.</summary>
public static class ContactSearch
{
    /// <summary>Fewer digits than this are too common to search phone numbers by.</summary>
    public const int MinPhoneDigits = 4;

    /// <summary>
    /// The digits to look for inside stored E.164 numbers when the text looks like (a part of) a phone number, else
    /// null. A whole international number ("+49 171 2345678", "0049 171 2345678") is read with libphonenumber; a
    /// national one ("0171 2345678") loses its trunk 0, so that it is found in "+491712345678" whatever country it
    /// was dialled in.
    /// </summary>
    public static string? PhoneDigits(string text)
    {
        var digitCount = text.Count(char.IsAsciiDigit);
        if (digitCount < MinPhoneDigits || text.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '+' or '-' or '/' or '(' or ')' or '.')))
        {
            return null;
        }

        var digits = PhoneNumber.TryParse(text, null, out var number, out _)
            ? number.E164[1..]
            : new string([.. text.Where(char.IsAsciiDigit)]).TrimStart('0');
        return digits.Length < MinPhoneDigits ? null : digits;
    }
}

/// <summary>
/// A contact's labels, block and consent. <see cref="ConsentGivenAt"/> and <see cref="ConsentSource"/> describe the
/// last consent given, also after it was withdrawn (<see cref="ConsentWithdrawnAt"/>).
/// </summary>
public sealed record ContactStandingView(
    Guid ContactId, IReadOnlyList<LabelChip> Labels, bool Blocked, bool Spam, DateTimeOffset? BlockedAt,
    bool HasConsent, DateTimeOffset? ConsentGivenAt, ConsentSource? ConsentSource, DateTimeOffset? ConsentWithdrawnAt);

/// <summary>An entry of the contact's activity log.</summary>
public sealed record ContactActivityRow(long Id, ContactActivityKind Kind, string? ActorName, string? Target, DateTimeOffset CreatedAt);
