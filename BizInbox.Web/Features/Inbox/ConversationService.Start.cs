using BizInbox.Domain;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Web.Channels;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;
using BizInbox.Web.Features.Contacts;

namespace BizInbox.Web.Features.Inbox;

/// <summary>A WhatsApp number of the business that can start conversations.</summary>
public sealed record WhatsAppSender(int InboxId, string Name, string DisplayPhoneNumber);

/// <summary>
/// What the business already has with a recipient on one WhatsApp number: their conversation, whether it is open, and
/// until when the customer's 24-hour window allows free-form replies.
/// </summary>
public sealed record RecipientState(long? ConversationId, ConversationStatus? Status, DateTimeOffset? WindowOpenUntil);

public sealed partial class ConversationService
{
    /// <summary>How many contacts the recipient search offers.</summary>
    private const int RecipientMatches = 8;

    /// <summary>The business's WhatsApp numbers, for the "new conversation" dialog.</summary>
    public async Task<IReadOnlyList<WhatsAppSender>> WhatsAppSendersAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await actor.RequireAsync(TeamRight.WorkInInbox, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await (from inbox in db.Inboxes.AsNoTracking()
                      join connection in db.WhatsAppConnections.AsNoTracking() on inbox.Id equals connection.InboxId
                      where inbox.Channel == ChannelType.WhatsApp
                      orderby inbox.Name
                      select new WhatsAppSender(inbox.Id, inbox.Name, connection.DisplayPhoneNumber)).ToListAsync(ct);
    }

    /// <summary>
    /// Contacts with a phone number whose name, number or email matches <paramref name="text"/>; when the text is itself a
    /// phone number (national numbers read in the country of <paramref name="inboxId"/>'s number) that no contact has, it
    /// is offered first as a new recipient.
    /// </summary>
    public async Task<IReadOnlyList<Recipient>> FindRecipientsAsync(CurrentMember actor, int inboxId, string? text, CancellationToken ct = default)
    {
        await actor.RequireAsync(TeamRight.WorkInInbox, ct);
        var query = text?.Trim() ?? string.Empty;
        if (query.Length == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var region = await SenderRegionAsync(db, inboxId, ct);
        var typed = PhoneNumber.TryParse(query, region, out var number, out _) ? number : null;
        var lower = query.ToLowerInvariant();
        var contacts = db.Contacts.AsNoTracking().Where(c => c.Phone != null || c.WhatsAppId != null);
        var found = await (typed is not null
                ? contacts.Where(c => c.Phone == typed.E164 || c.WhatsAppId == typed.ToWhatsAppId())
                : contacts.Where(c => c.SearchName.Contains(lower) || (c.Email != null && c.Email.ToLower().Contains(lower)) || c.Phone!.Contains(lower)))
            .OrderBy(c => c.SearchName).Take(RecipientMatches)
            .Select(c => new { c.Id, c.Name, c.Phone, c.WhatsAppId }).ToListAsync(ct);
        var matches = found.Select(c => new Recipient(c.Id, c.Name, PhoneNumber.Display(c.Phone ?? "+" + c.WhatsAppId, region))).ToList();
        return typed is not null && matches.Count == 0 ? [new Recipient(null, typed.Format(region), typed.E164)] : matches;
    }

    /// <summary>The recipient's conversation on <paramref name="inboxId"/>, if any, and how long free-form replies are allowed.</summary>
    public async Task<RecipientState> RecipientStateAsync(CurrentMember actor, int inboxId, Guid contactId, CancellationToken ct = default)
    {
        await actor.RequireAsync(TeamRight.WorkInInbox, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.InboxId == inboxId && c.ContactId == contactId)
            .Select(c => new { c.Id, c.Status, c.LastCustomerMessageAt }).FirstOrDefaultAsync(ct);
        var windowOpen = CustomerServiceWindow.IsOpen(conversation?.LastCustomerMessageAt, clock.GetUtcNow());
        return new RecipientState(conversation?.Id, conversation?.Status, windowOpen ? CustomerServiceWindow.ClosesAt(conversation?.LastCustomerMessageAt) : null);
    }

    /// <summary>
    /// Starts (or continues) the WhatsApp conversation with <paramref name="to"/> on <paramref name="inboxId"/> with an
    /// approved template, the one message WhatsApp lets a business send first. A typed number becomes a contact (or finds
    /// the contact that has it); a resolved conversation reopens, and an unassigned one goes to the agent who wrote. The
    /// same <paramref name="clientMessageId"/> sends once. Returns the conversation's id.
    /// </summary>
    public async Task<long> StartWhatsAppAsync(
        CurrentMember actor, int inboxId, Recipient to, TemplateDraft template, string clientMessageId, CancellationToken ct = default)
    {
        var me = (await actor.RequireAsync(TeamRight.WorkInInbox, ct)).AsTeamMember();
        return await Conflicts.RetryAsync(() => StartWhatsAppOnceAsync(me, inboxId, to, template, clientMessageId, ct));
    }

    private async Task<long> StartWhatsAppOnceAsync(
        TeamMember me, int inboxId, Recipient to, TemplateDraft template, string clientMessageId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Inboxes.AnyAsync(i => i.Id == inboxId && i.Channel == ChannelType.WhatsApp, ct))
        {
            throw new DomainException("channel.unsupported", "This channel does not take this kind of message.");
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var contact = await RecipientContactAsync(db, inboxId, to, now, ct);
        await db.SaveChangesAsync(ct);
        var conversation = await db.Conversations.Include(c => c.Labels).FirstOrDefaultAsync(c => c.ContactId == contact.Id && c.InboxId == inboxId, ct);
        if (conversation is null)
        {
            conversation = Conversation.Start(inboxId, contact.Id, now);
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync(ct);
        }
        else if (await FindByClientIdAsync(db, conversation.Id, clientMessageId, ct) is not null)
        {
            return conversation.Id;
        }

        var entries = new List<Message>(conversation.Reopen(me, now));
        if (conversation.AssigneeId is null)
        {
            entries.AddRange(conversation.Assign(me, me, null, now));
        }

        var whatsApp = channels.For(ChannelType.WhatsApp);
        var reply = await whatsApp.ComposeAsync(db, conversation, template, now, ct);
        var message = conversation.Reply(me, reply.Text, clientMessageId, now, reply.Content, queued: whatsApp.QueuesReplies);
        entries.Add(message);
        whatsApp.Enqueue(db, conversation, message, now);
        db.Messages.AddRange(entries);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        whatsApp.Deliver();
        return conversation.Id;
    }

    /// <summary>
    /// The contact a new WhatsApp conversation goes to. WhatsApp needs the customer's number as its recipient id: a contact
    /// with a phone number but no WhatsApp id gets the number's; one that another contact already writes from is refused,
    /// for sending would put the conversation on the wrong record (the duplicate suggestions offer to merge them).
    /// </summary>
    private static async Task<Contact> RecipientContactAsync(BizInboxDbContext db, int inboxId, Recipient to, DateTimeOffset now, CancellationToken ct)
    {
        if (to.ContactId is { } contactId)
        {
            var chosen = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId, ct)
                         ?? throw new DomainException("contact.not_found", "This contact does not exist.");
            if (chosen.WhatsAppId is null)
            {
                var waId = (chosen.Phone is { } phone ? PhoneNumber.Parse(phone) : throw new DomainException("contact.no_phone", "This contact has no phone number; add one first.")).ToWhatsAppId();
                await RequireUnusedAsync(db, waId, ct);
                chosen.WhatsAppIdChanged(waId);
            }

            return chosen;
        }

        var number = PhoneNumber.Parse(to.Number, await SenderRegionAsync(db, inboxId, ct));
        var digits = number.ToWhatsAppId();
        var known = await db.Contacts.Where(c => c.WhatsAppId == digits || c.Phone == number.E164)
            .OrderBy(c => c.WhatsAppId == null).ThenBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (known is not null)
        {
            if (known.WhatsAppId is null)
            {
                known.WhatsAppIdChanged(digits);
            }

            return known;
        }

        var contact = Contact.FromWhatsApp(digits, null, now);
        db.Contacts.Add(contact);
        return contact;
    }

    private static async Task RequireUnusedAsync(BizInboxDbContext db, string waId, CancellationToken ct)
    {
        if (await db.Contacts.AnyAsync(c => c.WhatsAppId == waId, ct))
        {
            throw new DomainException("contact.whatsapp_taken", "Another contact already writes from this WhatsApp number; merge the two first.");
        }
    }

    /// <summary>The country of the business's WhatsApp number: the one its agents' national numbers are meant in.</summary>
    private static async Task<string?> SenderRegionAsync(BizInboxDbContext db, int inboxId, CancellationToken ct)
    {
        var display = await db.WhatsAppConnections.Where(w => w.InboxId == inboxId).Select(w => w.DisplayPhoneNumber).FirstOrDefaultAsync(ct);
        return PhoneNumber.TryParse(display, null, out var own, out _) ? own.Region : null;
    }
}
