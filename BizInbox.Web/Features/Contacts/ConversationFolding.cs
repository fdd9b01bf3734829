using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Contacts;

/// <summary>
/// A contact merge's part for two conversations in one inbox (one conversation per customer per inbox): the merged-away
/// contact's conversation is folded into the survivor's, and an undo takes exactly its rows back. Messages keep their
/// times (the thread sorts by time), and so do report facts; mentions, queued sends, search documents and media files go
/// with their messages; drafts move (a teammate's draft on both keeps both texts); read markers are recorded for the undo.
/// Runs inside the merge's transaction.
/// </summary>
internal static class ConversationFolding
{
    // Id lists go to the database in pieces: one IN list per statement stays far below every provider's parameter limit.
    private const int Batch = 500;

    /// <summary>Folds every conversation of <paramref name="loserId"/> that shares an inbox with one of <paramref name="survivorId"/>.</summary>
    public static async Task<List<FoldedConversation>> FoldAsync(BizInboxDbContext db, Guid survivorId, Guid loserId, TeamMember actor, DateTimeOffset now, CancellationToken ct)
    {
        var pairs = await (
                from loser in db.Conversations
                where loser.ContactId == loserId
                join survivor in db.Conversations on loser.InboxId equals survivor.InboxId
                where survivor.ContactId == survivorId
                select new { Loser = loser.Id, Survivor = survivor.Id })
            .ToListAsync(ct);
        var folded = new List<FoldedConversation>(pairs.Count);
        foreach (var pair in pairs)
        {
            folded.Add(await FoldAsync(db, pair.Survivor, pair.Loser, actor, now, ct));
        }

        return folded;
    }

    /// <summary>Recreates the folded conversation with its id and status and moves back exactly the rows the fold moved.</summary>
    public static async Task UnfoldAsync(BizInboxDbContext db, FoldedConversation folded, TeamMember actor, DateTimeOffset now, CancellationToken ct)
    {
        var (from, to) = (folded.SurvivorId, folded.Loser.Id);
        var survivor = await db.Conversations.Include(c => c.Labels).FirstOrDefaultAsync(c => c.Id == from, ct);
        if (survivor is not null)
        {
            db.Messages.Add(survivor.UndoFold(folded.SurvivorBefore, folded.SurvivorAfter, folded.AddedLabels, to, actor, now));
        }

        var labels = await db.Labels.Where(l => folded.LoserLabels.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct);
        db.Conversations.Add(Conversation.Restore(folded.Loser, labels));
        await SaveWithIdAsync(db, ct);
        if (survivor is null)
        {
            return;
        }

        await MoveAsync(db, from, to, folded.Messages, folded.Facts, folded.Media, ct);
        survivor.KeepAdSource(await db.Messages.AnyAsync(m => m.ConversationId == from && m.Referral != null, ct));
        foreach (var (id, clientId) in folded.RenamedMessages)
        {
            await db.Messages.Where(m => m.Id == id && m.ConversationId == to).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClientMessageId, clientId), ct);
        }

        await db.Drafts.Where(d => d.ConversationId == from && folded.Drafts.Contains(d.UserId)).ExecuteUpdateAsync(s => s.SetProperty(d => d.ConversationId, to), ct);
        var users = folded.ReadMarkers.Select(r => r.UserId).ToList();
        var present = await db.Users.Where(u => users.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        db.ReadMarkers.AddRange(folded.ReadMarkers.Where(r => present.Contains(r.UserId)).Select(r => ReadMarker.Create(to, r.UserId, r.LastReadMessageId, r.ReadUpTo)));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<FoldedConversation> FoldAsync(BizInboxDbContext db, long survivorId, long loserId, TeamMember actor, DateTimeOffset now, CancellationToken ct)
    {
        var survivor = await db.Conversations.Include(c => c.Labels).FirstAsync(c => c.Id == survivorId, ct);
        var loser = await db.Conversations.Include(c => c.Labels).FirstAsync(c => c.Id == loserId, ct);
        var (before, loserSnapshot, loserLabels) = (survivor.Snapshot(), loser.Snapshot(), loser.Labels.Select(l => l.LabelId).ToList());
        var (entry, added) = survivor.Fold(loser, actor, now);

        var messages = await db.Messages.Where(m => m.ConversationId == loserId).Select(m => m.Id).ToListAsync(ct);
        var facts = await db.ReportFacts.Where(f => f.ConversationId == loserId).Select(f => f.Id).ToListAsync(ct);
        var media = await db.MediaFiles.Where(f => f.ConversationId == loserId).Select(f => f.Id).ToListAsync(ct);
        var markers = await db.ReadMarkers.Where(r => r.ConversationId == loserId)
            .Select(r => new FoldedReadMarker(r.UserId, r.LastReadMessageId, r.ReadUpTo)).ToListAsync(ct);
        // Keys are unique per conversation, and both may hold one (an automatic greeting's "first" key): the folded one's
        // message gets a key of its own for as long as the two are one.
        var clashes = await (
                from mine in db.Messages
                where mine.ConversationId == loserId && mine.ClientMessageId != null
                join theirs in db.Messages on mine.ClientMessageId equals theirs.ClientMessageId
                where theirs.ConversationId == survivorId
                select new RenamedMessage(mine.Id, mine.ClientMessageId!))
            .ToListAsync(ct);
        foreach (var clash in clashes)
        {
            var key = $"#{loserId}:{clash.ClientMessageId}";
            key = key.Length > Message.MaxClientMessageIdLength ? key[..Message.MaxClientMessageIdLength] : key;
            await db.Messages.Where(m => m.Id == clash.MessageId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClientMessageId, key), ct);
        }

        var drafts = await MoveDraftsAsync(db, survivorId, loserId, now, ct);
        await MoveAsync(db, loserId, survivorId, messages, facts, media, ct);
        db.Messages.Add(entry);
        db.Conversations.Remove(loser);
        await db.SaveChangesAsync(ct);
        return new FoldedConversation(loserSnapshot, loserLabels, survivorId, before, survivor.Snapshot(), [.. added],
            messages, facts, media, clashes, drafts, markers);
    }

    // A teammate's draft moves along; one who drafted in both keeps both texts in the survivor's draft.
    private static async Task<List<string>> MoveDraftsAsync(BizInboxDbContext db, long survivorId, long loserId, DateTimeOffset now, CancellationToken ct)
    {
        var theirs = await db.Drafts.Where(d => d.ConversationId == loserId).ToListAsync(ct);
        var mine = await db.Drafts.Where(d => d.ConversationId == survivorId).ToDictionaryAsync(d => d.UserId, ct);
        foreach (var draft in theirs.Where(d => mine.ContainsKey(d.UserId)))
        {
            var kept = mine[draft.UserId];
            var text = $"{kept.Text}\n\n{draft.Text}";
            kept.Update(text[..Math.Min(text.Length, Draft.MaxTextLength)], kept.Mode, now);
        }

        var moved = theirs.Where(d => !mine.ContainsKey(d.UserId)).Select(d => d.UserId).ToList();
        await db.Drafts.Where(d => d.ConversationId == loserId && moved.Contains(d.UserId)).ExecuteUpdateAsync(s => s.SetProperty(d => d.ConversationId, survivorId), ct);
        return moved;
    }

    private static async Task MoveAsync(BizInboxDbContext db, long from, long to, List<long> messages, List<long> facts, List<Guid> media, CancellationToken ct)
    {
        foreach (var batch in messages.Chunk(Batch))
        {
            await db.Messages.Where(m => m.ConversationId == from && batch.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.ConversationId, to), ct);
            await db.Mentions.Where(m => m.ConversationId == from && batch.Contains(m.MessageId)).ExecuteUpdateAsync(s => s.SetProperty(m => m.ConversationId, to), ct);
            await db.ChannelJobs.Where(j => j.ConversationId == from && batch.Contains(j.MessageId)).ExecuteUpdateAsync(s => s.SetProperty(j => j.ConversationId, to), ct);
            await db.SearchDocuments.Where(d => d.ConversationId == from && d.MessageId != null && batch.Contains(d.MessageId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.ConversationId, to), ct);
        }

        foreach (var batch in facts.Chunk(Batch))
        {
            await db.ReportFacts.Where(f => f.ConversationId == from && batch.Contains(f.Id)).ExecuteUpdateAsync(s => s.SetProperty(f => f.ConversationId, to), ct);
        }

        foreach (var batch in media.Chunk(Batch))
        {
            await db.MediaFiles.Where(f => f.ConversationId == from && batch.Contains(f.Id)).ExecuteUpdateAsync(s => s.SetProperty(f => f.ConversationId, to), ct);
        }
    }

    // The recreated conversation keeps its number (#id). SQL Server only takes an identity value while IDENTITY_INSERT is on.
    private static async Task SaveWithIdAsync(BizInboxDbContext db, CancellationToken ct)
    {
        var sqlServer = db.Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer";
        if (sqlServer)
        {
            await db.Database.ExecuteSqlRawAsync("SET IDENTITY_INSERT [Conversations] ON", ct);
        }

        await db.SaveChangesAsync(ct);
        if (sqlServer)
        {
            await db.Database.ExecuteSqlRawAsync("SET IDENTITY_INSERT [Conversations] OFF", ct);
        }
    }
}

/// <summary>What folding one conversation into another moved, and what it replaced: enough to take it back exactly.</summary>
internal sealed record FoldedConversation(
    ConversationSnapshot Loser, List<int> LoserLabels, long SurvivorId, ConversationSnapshot SurvivorBefore, ConversationSnapshot SurvivorAfter,
    List<int> AddedLabels, List<long> Messages, List<long> Facts, List<Guid> Media, List<RenamedMessage> RenamedMessages,
    List<string> Drafts, List<FoldedReadMarker> ReadMarkers);

/// <summary>A folded message whose key clashed with one of the survivor's, and its own key.</summary>
internal sealed record RenamedMessage(long MessageId, string ClientMessageId);

/// <summary>How far a teammate had read the folded conversation.</summary>
internal sealed record FoldedReadMarker(string UserId, long LastReadMessageId, DateTimeOffset ReadUpTo);
