using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Inbox;

/// <summary>An agent's unsent text in a conversation, as the composer gets it back.</summary>
public sealed record DraftView(string Text, DraftMode Mode, DateTimeOffset UpdatedAt);

/// <summary>
/// Keeps what an agent is writing, per agent and conversation. Only the acting agent's own drafts are ever read or
/// written (the user comes from the principal, never from a parameter), and only in conversations they may open.
/// </summary>
public sealed class DraftService(IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock)
{
    public async Task<DraftView?> FindAsync(CurrentMember actor, long conversationId, CancellationToken ct = default)
    {
        var me = (await actor.RequireAsync(TeamRight.WorkInInbox, ct)).AsTeamMember();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Drafts.AsNoTracking()
            .Where(d => d.UserId == me.UserId && d.ConversationId == conversationId)
            .Select(d => new DraftView(d.Text, d.Mode, d.UpdatedAt))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Keeps <paramref name="text"/> as the draft; blank text discards it.</summary>
    public async Task SaveAsync(CurrentMember actor, long conversationId, string text, DraftMode mode, CancellationToken ct = default)
    {
        var me = (await actor.RequireAsync(TeamRight.WorkInInbox, ct)).AsTeamMember();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, ct))
        {
            throw new DomainException("conversation.not_found", "This conversation does not exist.");
        }

        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.UserId == me.UserId && d.ConversationId == conversationId, ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            if (draft is not null)
            {
                db.Drafts.Remove(draft);
            }
        }
        else if (draft is null)
        {
            db.Drafts.Add(Draft.Start(me.UserId, conversationId, text, mode, clock.GetUtcNow()));
        }
        else
        {
            draft.Update(text, mode, clock.GetUtcNow());
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (draft is null)
        {
            // Another tab of the same agent stored its draft first; the later text wins, as it would have one moment later.
            await SaveAsync(actor, conversationId, text, mode, ct);
        }
    }

    public Task DiscardAsync(CurrentMember actor, long conversationId, CancellationToken ct = default) =>
        SaveAsync(actor, conversationId, string.Empty, DraftMode.Reply, ct);
}
