using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Reports;

/// <summary>An active member's open load and whether they have the console open.</summary>
public sealed record LiveAgent(string UserId, string Name, bool Online, int Open);

/// <summary>The inbox right now: open and unassigned conversations, customers waiting and the longest wait, and the team.</summary>
public sealed record LiveOverview(int Open, int Unassigned, int Waiting, DateTimeOffset? LongestWaitingSince, IReadOnlyList<LiveAgent> Agents);

/// <summary>The reports' live overview (owners and managers), read from the conversations' current state.</summary>
public sealed class LiveOverviewService(IDbContextFactory<BizInboxDbContext> contexts, OnlineMembers members)
{
    public async Task<LiveOverview> GetAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ReadReports, ct);
        var open = db.Conversations.AsNoTracking().Where(c => c.Status == ConversationStatus.Open);
        var totals = await open.GroupBy(_ => 1).Select(g => new
        {
            Open = g.Count(),
            Unassigned = g.Count(c => c.AssigneeId == null),
            Waiting = g.Count(c => c.WaitingSince != null),
        }).FirstOrDefaultAsync(ct);
        var longest = await open.Where(c => c.WaitingSince != null).OrderBy(c => c.WaitingSince).Select(c => c.WaitingSince).FirstOrDefaultAsync(ct);
        var load = await open.Where(c => c.AssigneeId != null).GroupBy(c => c.AssigneeId!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var online = await members.OnlineAsync();
        var team = await db.Users.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var agents = team
            .Select(m => new LiveAgent(m.Id, m.DisplayName, online.Contains(m.Id), load.GetValueOrDefault(m.Id)))
            .OrderByDescending(a => a.Online).ThenByDescending(a => a.Open).ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        return new LiveOverview(totals?.Open ?? 0, totals?.Unassigned ?? 0, totals?.Waiting ?? 0, longest, agents);
    }
}
