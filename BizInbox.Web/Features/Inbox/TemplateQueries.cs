using System.Security.Claims;
using BizInbox.Domain.Channels;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Inbox;

/// <summary>A template an agent can send: what it says and the parameters to fill in.</summary>
public sealed record TemplateOption(int Id, string Name, string Language, TemplateCategory Category, string? Header, string Body, string? Footer, IReadOnlyList<string> Parameters)
{
    public string Label => $"{Name} ({Language})";

    /// <summary>The body with the values filled in so far; empty parameters stay as their placeholder.</summary>
    public string Preview(IReadOnlyList<string> values)
    {
        var text = Body;
        for (var i = 0; i < Parameters.Count && i < values.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(values[i]))
            {
                text = System.Text.RegularExpressions.Regex.Replace(
                    text, @"\{\{\s*" + System.Text.RegularExpressions.Regex.Escape(Parameters[i]) + @"\s*\}\}", values[i].Trim().Replace("$", "$$", StringComparison.Ordinal));
            }
        }

        return text;
    }
}

/// <summary>The approved templates of a WhatsApp number, for the composer.</summary>
public sealed class TemplateQueries(IDbContextFactory<BizInboxDbContext> contexts, TeamDirectory team)
{
    public async Task<IReadOnlyList<TemplateOption>> ApprovedAsync(ClaimsPrincipal actor, int inboxId, CancellationToken ct = default)
    {
        await team.RequireMemberAsync(actor, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var templates = await db.MessageTemplates.AsNoTracking()
            .Where(t => t.InboxId == inboxId)
            .OrderBy(t => t.Name).ThenBy(t => t.Language)
            .ToListAsync(ct);
        return templates.Where(t => t.IsApproved)
            .Select(t => new TemplateOption(t.Id, t.Name, t.Language, t.Category, t.Header, t.Body, t.Footer, t.Parameters))
            .ToList();
    }
}
