using BizInbox.Domain;
using BizInbox.Domain.Channels;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Ui;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Templates;

/// <summary>A template as the templates page shows it.</summary>
public sealed record TemplateRow(
    int Id, int InboxId, string InboxName, string Name, string Language, TemplateCategory Category, string Status,
    string? Header, string Body, string? Footer, IReadOnlyList<string> Buttons, int ParameterCount, DateTimeOffset SyncedAt);

/// <summary>A WhatsApp inbox whose templates can be listed and synced.</summary>
public sealed record TemplateInbox(int Id, string Name);

/// <summary>What a sync changed.</summary>
public sealed record TemplateSyncResult(int Added, int Updated, int Removed);

/// <summary>
/// WhatsApp message templates: every member may see them (agents send them); owners and managers pull them from
/// Meta. A sync mirrors the business account: new ones are added, known ones (same name and language) updated, and
/// ones Meta no longer lists removed.
/// </summary>
public sealed class TemplateService(
    IDbContextFactory<BizInboxDbContext> contexts, WhatsAppConnections connections, GraphApiClient graph,
    TimeProvider clock, ILogger<TemplateService> logger)
{
    /// <summary>Meta's review status <c>APPROVED</c>, the only one agents can send.</summary>
    public const string Approved = "APPROVED";

    public async Task<IReadOnlyList<TemplateInbox>> InboxesAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await actor.RequireAsync(TeamRight.WorkInInbox, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Inboxes.AsNoTracking().Where(i => i.Channel == ChannelType.WhatsApp)
            .OrderBy(i => i.Name).Select(i => new TemplateInbox(i.Id, i.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<TemplateRow>> ListAsync(CurrentMember actor, int? inboxId = null, CancellationToken ct = default)
    {
        await actor.RequireAsync(TeamRight.WorkInInbox, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await (from t in db.MessageTemplates.AsNoTracking()
                          join i in db.Inboxes on t.InboxId equals i.Id
                          where i.Channel == ChannelType.WhatsApp && (inboxId == null || t.InboxId == inboxId)
                          select new { t, InboxName = i.Name }).ToListAsync(ct);
        return rows
            .OrderBy(r => r.InboxName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.t.Name, StringComparer.Ordinal).ThenBy(r => r.t.Language, StringComparer.Ordinal)
            .Select(r => new TemplateRow(
                r.t.Id, r.t.InboxId, r.InboxName, r.t.Name, r.t.Language, r.t.Category, r.t.Status, r.t.Header, r.t.Body, r.t.Footer,
                r.t.Buttons?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [], r.t.Parameters.Count, r.t.SyncedAt))
            .ToList();
    }

    /// <summary>The approved templates of one WhatsApp number, for an agent to send.</summary>
    public async Task<IReadOnlyList<TemplateOption>> ApprovedAsync(CurrentMember actor, int inboxId, CancellationToken ct = default)
    {
        await actor.RequireAsync(TeamRight.WorkInInbox, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var templates = await db.MessageTemplates.AsNoTracking()
            .Where(t => t.InboxId == inboxId && t.Status == Approved)
            .OrderBy(t => t.Name).ThenBy(t => t.Language)
            .ToListAsync(ct);
        return templates.Select(t => new TemplateOption(t.Id, t.Name, t.Language, t.Category, t.Header, t.Body, t.Footer, t.Parameters)).ToList();
    }

    /// <summary>Pulls every template of the inbox's business account from Meta (owners and managers).</summary>
    public async Task<TemplateSyncResult> SyncAsync(CurrentMember actor, int inboxId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var secrets = await connections.SecretsForAsync(inboxId, ct)
            ?? throw new DomainException("template.no_connection", "This inbox has no WhatsApp connection.");
        var remote = await FetchAsync(secrets, ct);

        var now = clock.GetUtcNow();
        var known = await db.MessageTemplates.Where(t => t.InboxId == inboxId).ToListAsync(ct);
        var byKey = known.ToDictionary(t => (t.Name, t.Language));
        int added = 0, updated = 0;
        foreach (var template in remote.DistinctBy(t => (t.Name, t.Language)))
        {
            if (!byKey.Remove((template.Name, template.Language), out var existing))
            {
                existing = MessageTemplate.Create(inboxId, template.Name, template.Language, CategoryOf(template.Category), template.Status, template.Body, now);
                db.MessageTemplates.Add(existing);
                added++;
            }
            else
            {
                updated++;
            }

            existing.Update(Shorten(template.Id, 64), CategoryOf(template.Category), Shorten(template.Status, 32)!, Shorten(template.Header, 200),
                template.Body, Shorten(template.Footer, 100), Shorten(string.Join('\n', template.Buttons), 1000) is { Length: > 0 } b ? b : null, now);
        }

        db.MessageTemplates.RemoveRange(byKey.Values);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Synced WhatsApp templates of inbox {InboxId}: {Added} added, {Updated} updated, {Removed} removed",
            inboxId, added, updated, byKey.Count);
        return new TemplateSyncResult(added, updated, byKey.Count);
    }

    private async Task<IReadOnlyList<GraphTemplate>> FetchAsync(WhatsAppSecrets secrets, CancellationToken ct)
    {
        try
        {
            return await graph.TemplatesAsync(secrets, ct);
        }
        catch (GraphApiException ex)
        {
            logger.LogWarning("WhatsApp refused the template list of inbox {InboxId}: {Error}", secrets.InboxId, ex.Error);
            throw WithDetails(new DomainException("template.sync_failed", $"WhatsApp refused the template list: {ex.Error}"), ex.Error.ToString());
        }
        catch (Exception ex) when (ex is GraphUnreachableException or GraphNoAnswerException)
        {
            logger.LogWarning("The template list of inbox {InboxId} could not be fetched: {Reason}", secrets.InboxId, ex.Message);
            throw WithDetails(new DomainException("template.graph_unreachable", "WhatsApp's Graph API could not be reached."), ex.Message);
        }
    }

    private static DomainException WithDetails(DomainException exception, string details)
    {
        exception.Data[DomainErrors.DetailsKey] = details;
        return exception;
    }

    private static TemplateCategory CategoryOf(string category) => category.ToUpperInvariant() switch
    {
        "MARKETING" => TemplateCategory.Marketing,
        "AUTHENTICATION" => TemplateCategory.Authentication,
        _ => TemplateCategory.Utility,
    };

    private static string? Shorten(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
