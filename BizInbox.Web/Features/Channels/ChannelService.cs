using BizInbox.Domain;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Channels;

public sealed record ChannelRow(int Id, string Name, ChannelType Channel, string PublicKey, string? Greeting, bool IsEnabled, int Conversations);

/// <summary>The owner's view of the channels: web chat settings and the snippet to embed.</summary>
public sealed class ChannelService(IDbContextFactory<BizInboxDbContext> contexts, AuditLog audit)
{
    public async Task<IReadOnlyList<ChannelRow>> ListAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageChannels, ct);
        return await db.Inboxes.AsNoTracking().OrderBy(i => i.Name)
            .Select(i => new ChannelRow(i.Id, i.Name, i.Channel, i.PublicKey, i.Greeting, i.IsEnabled, db.Conversations.Count(c => c.InboxId == i.Id)))
            .ToListAsync(ct);
    }

    public async Task UpdateWebChatAsync(CurrentMember actor, int inboxId, string name, string? greeting, bool enabled, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageChannels, ct);
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == inboxId && i.Channel == ChannelType.WebChat, ct)
            ?? throw new DomainException("inbox.not_found", "This chat is not available.");
        inbox.Rename(name);
        inbox.ChangeGreeting(greeting);
        inbox.SetEnabled(enabled);
        audit.Add(db, actor, Domain.Audit.AuditAction.ChannelChanged, inbox.Name, $"web chat, {(enabled ? "enabled" : "disabled")}");
        await db.SaveChangesAsync(ct);
    }
}
