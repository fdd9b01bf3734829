using BizInbox.Domain;
using BizInbox.Domain.CannedReplies;
using BizInbox.Domain.Team;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.CannedReplies;

/// <summary>A canned reply as a member sees it; <see cref="CanEdit"/> says whether they may change it.</summary>
public sealed record CannedReplyRow(
    int Id, string Shortcut, string Text, IReadOnlyList<string> Buttons, bool IsShared, bool CanEdit, UploadedAttachment? Attachment = null);

/// <summary>A canned reply's file in the media store, to be copied into a conversation (streamed, never whole in memory).</summary>
public sealed record CannedReplyFile(MediaFile File);

/// <summary>
/// What the settings form sends; <see cref="Shared"/> is only read on creation (the scope never changes);
/// <see cref="AttachmentId"/> is a file from <see cref="CannedReplyService.UploadAsync"/> or the reply's own.
/// </summary>
public sealed record CannedReplyInput(string Shortcut, string Text, IReadOnlyList<string> Buttons, bool Shared, Guid? AttachmentId = null);

/// <summary>
/// Canned replies: every member reads the shared ones and their own personal ones; each member manages their
/// personal ones; owners and managers manage the shared ones. A reply's file lives in the media store without a
/// conversation; using the reply copies it into the conversation, and deleting the reply removes it.
/// </summary>
public sealed class CannedReplyService(IDbContextFactory<BizInboxDbContext> contexts, MediaStore media)
{
    /// <summary>How many replies the composer's picker offers at most.</summary>
    public const int PickerSize = 8;

    /// <summary>Shared replies first, then the member's own, each by shortcut.</summary>
    public async Task<IReadOnlyList<CannedReplyRow>> ListAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.UseCannedReplies, ct);
        var replies = await Visible(db, me).OrderBy(r => r.OwnerUserId != null).ThenBy(r => r.Shortcut).ToListAsync(ct);
        return await RowsAsync(db, replies, me, ct);
    }

    /// <summary>
    /// The picker's matches for what follows the "/": shortcuts starting with <paramref name="query"/> first, then
    /// replies whose text contains it; at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<CannedReplyRow>> SearchAsync(CurrentMember actor, string? query, int limit = PickerSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.UseCannedReplies, ct);
        var q = (query ?? string.Empty).Trim().ToLowerInvariant();
        var byShortcut = await Visible(db, me).Where(r => r.Shortcut.StartsWith(q))
            .OrderBy(r => r.Shortcut).ThenBy(r => r.OwnerUserId != null).Take(limit).ToListAsync(ct);
        var found = byShortcut.Select(r => r.Id).ToList();
        var byText = q.Length == 0 || found.Count >= limit
            ? []
            : await Visible(db, me).Where(r => !found.Contains(r.Id) && r.Text.ToLower().Contains(q))
                .OrderBy(r => r.Shortcut).Take(limit - found.Count).ToListAsync(ct);
        return await RowsAsync(db, [.. byShortcut, .. byText], me, ct);
    }

    /// <summary>
    /// The reply's text with its variables filled for a conversation with <paramref name="contactName"/>, written
    /// by the asking member for the business; what could not be filled stays in the text and is listed.
    /// </summary>
    public async Task<FilledReply> FillAsync(CurrentMember actor, int id, string? contactName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.UseCannedReplies, ct);
        var reply = await Visible(db, me).FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new DomainException("canned.not_found", "This canned reply does not exist.");
        var business = await db.TheBusiness.Select(b => b.Name).FirstOrDefaultAsync(ct);
        return ReplyVariables.Fill(reply.Text, new ReplyContext(contactName, me.DisplayName, business));
    }

    /// <summary>
    /// Stores a file for a reply the member is writing, checked against the rules of the composer's attachments; it is
    /// kept once a saved reply refers to it (an abandoned upload goes with the unsent attachments after a day).
    /// </summary>
    public async Task<UploadedAttachment> UploadAsync(CurrentMember actor, Stream content, string fileName, string mimeType, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await actor.RequireAsync(TeamRight.UseCannedReplies, ct);
        }

        await using var upload = await OutgoingFile.ReadAsync(content, fileName, mimeType, ct);
        var file = await media.SaveAsync(null, upload.Content, upload.MimeType, upload.FileName, ct);
        return Attachment(file);
    }

    /// <summary>The reply's file, for a copy in a conversation (the inbox attaches it as the composer's own attachment).</summary>
    public async Task<CannedReplyFile> ReadFileAsync(CurrentMember actor, int id, CancellationToken ct = default)
    {
        MediaFile file;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var me = await actor.RequireAsync(TeamRight.UseCannedReplies, ct);
            file = await (from r in Visible(db, me)
                          where r.Id == id
                          join f in db.MediaFiles on r.AttachmentId equals f.Id
                          select f).FirstOrDefaultAsync(ct)
                   ?? throw new DomainException("attachment.missing", "The attachment is gone; add it again.");
        }

        return new CannedReplyFile(file);
    }

    public async Task<int> CreateAsync(CurrentMember actor, CannedReplyInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.UseCannedReplies, ct);
        if (input.Shared)
        {
            RequireManager(me);
        }

        var attachment = await AttachableAsync(db, input.AttachmentId, null, ct);
        var reply = input.Shared
            ? CannedReply.Shared(input.Shortcut, input.Text, input.Buttons, attachment)
            : CannedReply.Personal(me.Id, input.Shortcut, input.Text, input.Buttons, attachment);
        await EnsureShortcutFreeAsync(db, reply, ct);
        db.CannedReplies.Add(reply);
        await db.SaveChangesAsync(ct);
        return reply.Id;
    }

    public async Task UpdateAsync(CurrentMember actor, int id, CannedReplyInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var reply = await FindEditableAsync(db, actor, id, ct);
        var before = reply.AttachmentId;
        reply.Change(input.Shortcut, input.Text, input.Buttons, await AttachableAsync(db, input.AttachmentId, reply.Id, ct));
        await EnsureShortcutFreeAsync(db, reply, ct);
        await db.SaveChangesAsync(ct);
        if (before is { } replaced && replaced != reply.AttachmentId)
        {
            await ReleaseAsync(replaced, ct);
        }
    }

    public async Task DeleteAsync(CurrentMember actor, int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var reply = await FindEditableAsync(db, actor, id, ct);
        db.CannedReplies.Remove(reply);
        await db.SaveChangesAsync(ct);
        if (reply.AttachmentId is { } file)
        {
            await ReleaseAsync(file, ct);
        }
    }

    /// <summary>
    /// The file a reply may carry: one uploaded for canned replies (never a conversation's) that no other reply holds.
    /// </summary>
    private static async Task<CannedAttachment?> AttachableAsync(BizInboxDbContext db, Guid? fileId, int? replyId, CancellationToken ct)
    {
        if (fileId is not { } id)
        {
            return null;
        }

        var file = await db.MediaFiles.AsNoTracking()
                       .Where(f => f.Id == id && f.ConversationId == null && !db.CannedReplies.Any(r => r.AttachmentId == id && r.Id != replyId))
                       .FirstOrDefaultAsync(ct)
                   ?? throw new DomainException("attachment.missing", "The attachment is gone; add it again.");
        return new CannedAttachment(file.Id, MediaRules.StoredOutgoingType(file.MimeType));
    }

    /// <summary>Removes a file no reply refers to any more.</summary>
    private async Task ReleaseAsync(Guid fileId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.CannedReplies.AnyAsync(r => r.AttachmentId == fileId, ct)
            && await db.MediaFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.ConversationId == null, ct) is { } file)
        {
            await media.RemoveAsync(file, ct);
        }
    }

    private static IQueryable<CannedReply> Visible(BizInboxDbContext db, Actor me) =>
        db.CannedReplies.AsNoTracking().Where(r => r.OwnerUserId == null || r.OwnerUserId == me.Id);

    private static async Task<IReadOnlyList<CannedReplyRow>> RowsAsync(BizInboxDbContext db, IReadOnlyList<CannedReply> replies, Actor me, CancellationToken ct)
    {
        var fileIds = replies.Where(r => r.AttachmentId is not null).Select(r => r.AttachmentId!.Value).ToList();
        var files = fileIds.Count == 0 ? [] : await db.MediaFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        return [.. replies.Select(r => new CannedReplyRow(r.Id, r.Shortcut, r.Text, r.Buttons, r.IsShared,
            r.IsShared ? TeamRules.CanOpenTeam(me.Role) : r.OwnerUserId == me.Id,
            r.AttachmentId is { } id && files.TryGetValue(id, out var file) ? Attachment(file) : null))];
    }

    private static UploadedAttachment Attachment(MediaFile file) =>
        new(file.Id, file.FileName ?? "file", file.MimeType, file.Size, MediaRules.StoredOutgoingType(file.MimeType));

    private static async Task<CannedReply> FindEditableAsync(BizInboxDbContext db, CurrentMember actor, int id, CancellationToken ct)
    {
        var me = await actor.RequireAsync(TeamRight.UseCannedReplies, ct);
        var reply = await db.CannedReplies.FirstOrDefaultAsync(r => r.Id == id && (r.OwnerUserId == null || r.OwnerUserId == me.Id), ct)
            ?? throw new DomainException("canned.not_found", "This canned reply does not exist.");
        if (reply.IsShared)
        {
            RequireManager(me);
        }

        return reply;
    }

    private static async Task EnsureShortcutFreeAsync(BizInboxDbContext db, CannedReply reply, CancellationToken ct)
    {
        var sameShortcut = await db.CannedReplies.AsNoTracking().Where(r => r.Shortcut == reply.Shortcut).ToListAsync(ct);
        reply.EnsureShortcutFree(sameShortcut);
    }

    private static void RequireManager(Actor me)
    {
        if (!TeamRules.CanOpenTeam(me.Role))
        {
            throw new DomainException("canned.shared_not_allowed", "Only owners and managers manage shared replies.");
        }
    }
}
