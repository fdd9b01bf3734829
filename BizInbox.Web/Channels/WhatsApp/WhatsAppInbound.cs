using System.Globalization;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>
/// How a webhook's parts become BizInbox's: a customer's message becomes a timeline entry with its rich content,
/// a reaction lands on the message it reacts to, a status moves an agent's message forward (never back).
/// Shared by the group-commit writer and its one-by-one fallback.
/// </summary>
internal static class WhatsAppInbound
{
    /// <summary>The readable text (previews, search, exports) and the rich content of a customer's message.</summary>
    public static (string Text, MessageContent Content) Map(WhatsAppInboundMessage m)
    {
        var type = m.Type switch
        {
            WhatsAppMessageType.Text => MessageContentType.Text,
            WhatsAppMessageType.Image => MessageContentType.Image,
            WhatsAppMessageType.Video => MessageContentType.Video,
            WhatsAppMessageType.Audio => MessageContentType.Audio,
            WhatsAppMessageType.Voice => MessageContentType.Voice,
            WhatsAppMessageType.Document => MessageContentType.Document,
            WhatsAppMessageType.Sticker => MessageContentType.Sticker,
            WhatsAppMessageType.Location => MessageContentType.Location,
            WhatsAppMessageType.Contacts => MessageContentType.Contacts,
            WhatsAppMessageType.ButtonReply or WhatsAppMessageType.ListReply or WhatsAppMessageType.TemplateButton => MessageContentType.Choice,
            WhatsAppMessageType.Reaction => MessageContentType.Reaction,
            WhatsAppMessageType.Order => MessageContentType.Order,
            WhatsAppMessageType.System => MessageContentType.System,
            _ => MessageContentType.Unsupported,
        };
        string? json = type switch
        {
            MessageContentType.Text => null,
            _ when m.Media is { } media => MessageContents.Write(new MediaContent(media.Id, media.MimeType, media.Caption, media.FileName, media.Sha256)),
            MessageContentType.Location when m.Location is { } l => MessageContents.Write(new LocationContent(l.Latitude, l.Longitude, l.Name, l.Address, l.Url)),
            MessageContentType.Contacts => MessageContents.Write(new ContactsContent(m.SharedContacts.Select(c => c.Card ?? new SharedContact(c.Name, c.Phones)).ToList())),
            MessageContentType.Choice when m.Choice is { } c => MessageContents.Write(new ChoiceContent(
                m.Type switch { WhatsAppMessageType.ButtonReply => "button", WhatsAppMessageType.ListReply => "list", _ => "template" },
                c.Id, c.Title, c.Description, m.ContextMessageId)),
            MessageContentType.Reaction when m.Reaction is { } r => MessageContents.Write(new ReactionContent(r.Emoji, r.MessageId)),
            MessageContentType.Order => MessageContents.Write(new OrderContent(
                m.OrderItems.Select(i => new OrderLine(i.ProductId, i.Quantity, i.ItemPrice, i.Currency)).ToList(), m.Text, m.CatalogId)),
            MessageContentType.Unsupported => MessageContents.Write(new UnsupportedContent(m.RawType, Truncate(m.RawJson, 16_000), m.UnsupportedKind)),
            _ => null,
        };
        return (Summary(m), new MessageContent(type, json, m.Id, ReplyToExternalId: m.ContextMessageId, Referral: m.Referral));
    }

    /// <summary>The readable text of a customer's message, for the list's preview, search and exports.</summary>
    internal static string Summary(WhatsAppInboundMessage m)
    {
        var text = m.Type switch
        {
            WhatsAppMessageType.Text => m.Text,
            WhatsAppMessageType.Image or WhatsAppMessageType.Video or WhatsAppMessageType.Document or WhatsAppMessageType.Sticker
                or WhatsAppMessageType.Audio or WhatsAppMessageType.Voice =>
                $"[{m.Type}] {m.Media?.Caption ?? m.Media?.FileName}".Trim(),
            WhatsAppMessageType.Location => string.Create(CultureInfo.InvariantCulture,
                $"[Location] {m.Location?.Name} {m.Location?.Address} {(m.Location is { Latitude: { } lat, Longitude: { } lon } ? $"({lat:0.#####}, {lon:0.#####})" : null)}")
                .Replace("  ", " ", StringComparison.Ordinal).Trim(),
            WhatsAppMessageType.Contacts => "[Contacts] " + string.Join("; ", m.SharedContacts.Select(c => $"{c.Name} {string.Join(", ", c.Phones)}".Trim())),
            WhatsAppMessageType.ButtonReply or WhatsAppMessageType.ListReply or WhatsAppMessageType.TemplateButton => m.Choice?.Title,
            WhatsAppMessageType.Reaction => m.Reaction!.Emoji.Length > 0 ? $"[Reaction] {m.Reaction.Emoji}" : "[Reaction removed]",
            WhatsAppMessageType.Order => $"[Order] {string.Join(", ", m.OrderItems.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "?"} × {i.ProductId} ({i.ItemPrice?.ToString("0.00", CultureInfo.InvariantCulture) ?? "?"} {i.Currency})")))} {m.Text}".Trim(),
            WhatsAppMessageType.System => $"[System] {m.Text}",
            _ => $"[Unsupported message type: {m.RawType}]",
        };
        text = string.IsNullOrWhiteSpace(text) ? $"[{m.Type}]" : text;
        return Truncate(text, Message.MaxTextLength);
    }

    /// <summary>Queues the fetch of a media message's file (in the same transaction as the message).</summary>
    public static void QueueMediaFetch(BizInboxDbContext db, int inboxId, Conversation conversation, Message message, DateTimeOffset now)
    {
        if (MessageContents.IsMedia(message.ContentType))
        {
            db.ChannelJobs.Add(ChannelJob.For(ChannelJobKind.FetchMedia, inboxId, conversation.Id, message, now));
        }
    }

    /// <summary>
    /// Puts reactions on the messages they react to (only messages of that customer's conversations); returns the
    /// reactions whose message is unknown (they are kept as timeline entries instead) and the conversations touched.
    /// </summary>
    public static async Task<(List<WhatsAppInboundMessage> Unmatched, HashSet<long> Touched)> ApplyReactionsAsync(
        BizInboxDbContext db, int inboxId, IReadOnlyList<WhatsAppInboundMessage> reactions, CancellationToken ct)
    {
        var unmatched = new List<WhatsAppInboundMessage>();
        var touched = new HashSet<long>();
        if (reactions.Count == 0)
        {
            return (unmatched, touched);
        }

        var targetIds = reactions.Select(r => r.Reaction!.MessageId).Distinct().ToList();
        var targets = await (from m in db.Messages
                             join c in db.Conversations on m.ConversationId equals c.Id
                             join contact in db.Contacts on c.ContactId equals contact.Id
                             where m.ExternalId != null && targetIds.Contains(m.ExternalId) && c.InboxId == inboxId
                             select new { Message = m, contact.WhatsAppId }).ToListAsync(ct);
        foreach (var reaction in reactions)
        {
            var target = targets.FirstOrDefault(t => t.Message.ExternalId == reaction.Reaction!.MessageId && t.WhatsAppId == (Domain.Contacts.PhoneNumber.WhatsAppIdDigits(reaction.From) ?? reaction.From));
            if (target is null)
            {
                unmatched.Add(reaction);
                continue;
            }

            target.Message.ReactedByCustomer(reaction.Reaction!.Emoji);
            touched.Add(target.Message.ConversationId);
        }

        return (unmatched, touched);
    }

    /// <summary>
    /// Moves agents' messages forward by their statuses; a late lower status changes nothing, a failure shows Meta's
    /// code and title. A status that names our reference settles a send that was left unconfirmed.
    /// </summary>
    public static async Task<HashSet<long>> ApplyStatusesAsync(
        BizInboxDbContext db, int inboxId, IReadOnlyList<WhatsAppStatus> statuses, CancellationToken ct)
    {
        var touched = new HashSet<long>();
        if (statuses.Count == 0)
        {
            return touched;
        }

        var settled = new Dictionary<long, DateTimeOffset>();
        var wamids = statuses.Select(s => s.MessageId).Distinct().ToList();
        var ours = statuses.Select(s => WhatsAppOutbound.MessageIdOf(s.CallbackData)).OfType<long>().Distinct().ToList();
        var messages = await (from m in db.Messages
                              join c in db.Conversations on m.ConversationId equals c.Id
                              where c.InboxId == inboxId && m.Kind == MessageKind.Outgoing
                                    && ((m.ExternalId != null && wamids.Contains(m.ExternalId)) || ours.Contains(m.Id))
                              select m).ToListAsync(ct);
        // Apply in the order things happened, so that the result does not depend on the order they arrived in.
        foreach (var status in statuses.OrderBy(s => s.Timestamp))
        {
            var message = messages.FirstOrDefault(m => m.ExternalId == status.MessageId)
                          ?? messages.FirstOrDefault(m => m.Id == WhatsAppOutbound.MessageIdOf(status.CallbackData));
            if (message is null)
            {
                continue;
            }

            if (message.ExternalId is null)
            {
                message.Identified(status.MessageId);
                if (message.Delivery == DeliveryStatus.Unconfirmed)
                {
                    message.Accepted(status.MessageId);
                    settled[message.Id] = status.Timestamp;
                }
            }

            var delivery = status.Status switch
            {
                WhatsAppStatusKind.Sent => DeliveryStatus.Sent,
                WhatsAppStatusKind.Delivered => DeliveryStatus.Delivered,
                WhatsAppStatusKind.Read => DeliveryStatus.Read,
                WhatsAppStatusKind.Played => DeliveryStatus.Played,
                WhatsAppStatusKind.Failed => DeliveryStatus.Failed,
                _ => DeliveryStatus.None,
            };
            var error = status.Errors.Count > 0 ? string.Join("; ", status.Errors.Select(e => new GraphError(0, e.Code, e.Title, e.Details, null).ToString())) : null;
            if (message.AdvanceDelivery(delivery, error))
            {
                touched.Add(message.ConversationId);
            }
        }

        if (settled.Count > 0)
        {
            // The send did reach WhatsApp after all: its job is done, not waiting for an agent's decision.
            var ids = settled.Keys.ToList();
            var jobs = await db.ChannelJobs
                .Where(j => ids.Contains(j.MessageId) && j.Kind == ChannelJobKind.SendMessage && j.State == ChannelJobState.Unconfirmed)
                .ToListAsync(ct);
            foreach (var job in jobs)
            {
                job.Succeeded(settled[job.MessageId]);
            }
        }

        return touched;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
