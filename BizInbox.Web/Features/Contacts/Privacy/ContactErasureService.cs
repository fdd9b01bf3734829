using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Contacts.Privacy;

/// <summary>
/// Erases a contact on their request (GDPR Art. 17), for owners and managers: everything that says who they are or what
/// they wrote goes, while their conversations stay as anonymous shells ("Erased contact", messages "[erased]") with
/// their times, statuses and report facts, so that the figures of closed periods do not change. See the README's
/// design decisions for what is kept and why.
/// </summary>
public sealed class ContactErasureService(
    IDbContextFactory<BizInboxDbContext> contexts, MediaStore media, AuditLog audit, ILogger<ContactErasureService> log)
{
    /// <summary>Erases the contact once <paramref name="confirmation"/> is their name.</summary>
    /// <exception cref="DomainException">Not an owner or manager, no such contact, or the confirmation is not the contact's name.</exception>
    public async Task EraseAsync(CurrentMember actor, Guid contactId, string? confirmation, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.EraseContacts, ct);
        var contact = await db.Contacts.Include(c => c.Labels).FirstOrDefaultAsync(c => c.Id == contactId, ct)
            ?? throw new DomainException("contact.not_found", "This contact does not exist (any more).");
        if (!contact.IsConfirmedBy(confirmation))
        {
            throw new DomainException("contact.erase_unconfirmed", "Please type the contact's name exactly as shown to confirm.");
        }

        var conversations = await db.Conversations.AsNoTracking().Where(c => c.ContactId == contactId)
            .Select(c => new { c.Id, c.InboxId }).ToListAsync(ct);
        var files = await db.MediaFiles.AsNoTracking()
            .Where(f => db.Conversations.Any(c => c.ContactId == contactId && c.Id == f.ConversationId)).ToListAsync(ct);

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            contact.Erase();
            // The entry names the contact by id only: the log outlives the erasure and must not bring the name back.
            audit.Add(db, actor, Domain.Audit.AuditAction.ContactErased, contactId.ToString(),
                $"{conversations.Count} conversations, {files.Count} media files");
            // The traces go with set-based statements, which no aggregate sees: the unit of work records what they did.
            var member = new TeamMember(me.Id, me.DisplayName);
            foreach (var conversation in conversations)
            {
                db.Record(new ConversationRewritten(conversation.Id, conversation.InboxId, member));
            }

            db.Record(new Domain.Contacts.ContactChanged(contactId, member));
            await db.SaveChangesAsync(ct);
            await EraseTracesAsync(db, contactId, ct);
            await transaction.CommitAsync(ct);
        }

        // After the commit: a failed erasure keeps the files its rows still point to.
        foreach (var file in files)
        {
            try
            {
                media.DeleteBytes(file);
            }
            catch (IOException ex)
            {
                log.LogError(ex, "Media file {MediaFileId} of erased contact {ContactId} could not be deleted from disk", file.Id, contactId);
            }
        }

        log.LogInformation("{UserId} erased contact {ContactId} ({Conversations} conversations)", me.Id, contactId, conversations.Count);
    }

    /// <summary>Deletes or blanks every row, other than the contact's own, that holds what the customer is or wrote.</summary>
    private static async Task EraseTracesAsync(BizInboxDbContext db, Guid contactId, CancellationToken ct)
    {
        var conversations = db.Conversations.Where(c => c.ContactId == contactId).Select(c => c.Id);
        await db.ContactNotes.Where(n => n.ContactId == contactId).ExecuteDeleteAsync(ct);
        await db.ContactAttributeValues.Where(v => v.ContactId == contactId).ExecuteDeleteAsync(ct);
        await db.ContactActivities.Where(a => a.ContactId == contactId).ExecuteDeleteAsync(ct);
        await db.ContactMerges.Where(m => m.SurvivorId == contactId || m.LoserId == contactId).ExecuteDeleteAsync(ct);
        await db.DuplicateDismissals.Where(d => d.FirstId == contactId || d.SecondId == contactId).ExecuteDeleteAsync(ct);
        await db.SearchDocuments.Where(d => d.ContactId == contactId || conversations.Contains(d.ConversationId!.Value)).ExecuteDeleteAsync(ct);
        await db.Drafts.Where(d => conversations.Contains(d.ConversationId)).ExecuteDeleteAsync(ct);
        // A reply still waiting in the outbox would now send "[erased]" to the customer.
        await db.ChannelJobs.Where(j => conversations.Contains(j.ConversationId) && j.State == ChannelJobState.Queued).ExecuteDeleteAsync(ct);
        await db.MediaFiles.Where(f => f.ConversationId != null && conversations.Contains(f.ConversationId.Value)).ExecuteDeleteAsync(ct);
        await db.Mentions.Where(m => conversations.Contains(m.ConversationId)).ExecuteUpdateAsync(s => s.SetProperty(m => m.Excerpt, Message.ErasedText), ct);
        await db.Conversations.Where(c => c.ContactId == contactId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessagePreview, Message.ErasedText), ct);

        var messages = db.Messages.Where(m => conversations.Contains(m.ConversationId));
        // Activity entries say who on the team did what (and stay); two kinds quote the customer's numbers or address.
        await messages.Where(m => m.Kind != MessageKind.Activity || m.Activity == ActivityKind.CustomerNumberChanged || m.Activity == ActivityKind.FloodRefused)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, Message.ErasedText).SetProperty(m => m.ActivityTarget, (string?)null), ct);
        await messages.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Content, (string?)null)
            .SetProperty(m => m.CustomerReaction, (string?)null)
            .SetProperty(m => m.ReplyToExternalId, (string?)null)
            .SetProperty(m => m.DeliveryError, (string?)null)
            .SetProperty(m => m.MediaFileId, (Guid?)null), ct);
    }
}
