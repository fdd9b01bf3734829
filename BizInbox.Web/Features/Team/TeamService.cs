using BizInbox.Domain;
using BizInbox.Domain.Audit;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using BizInbox.Web.Identity.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using BizInbox.Web.Identity.Audit;

namespace BizInbox.Web.Features.Team;

/// <summary>
/// The team settings: members, their roles and access, and invitations. Every call takes the acting member,
/// whose role comes from the database (not the cookie), and checks it before anything is shown or changed.
/// </summary>
public sealed partial class TeamService(
    IServiceScopeFactory scopes,
    IInvitationSender sender,
    TimeProvider clock,
    IOptions<TeamAccessOptions> options,
    AccountSessions sessions,
    Realtime.LiveSignals signals,
    AuditLog audit,
    ILogger<TeamService> logger)
{
    /// <summary>
    /// One page of the team, filtered, sorted and counted in the database (a team can have hundreds of members).
    /// The default order is by role (owners first), then by name.
    /// </summary>
    public async Task<MemberPage> PageMembersAsync(CurrentMember actor, MemberQuery query, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, _) = Services(scope);
        var me = await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var members =
            from user in db.Users.AsNoTracking()
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            select new
            {
                user.Id, user.DisplayName, user.Email, Role = role.Name, user.IsActive, user.LockoutEnd, user.CreatedAt,
                RoleRank = role.Name == Roles.Owner ? 0 : role.Name == Roles.Manager ? 1 : 2,
                NameKey = user.DisplayName.ToLower(),
                EmailKey = (user.Email ?? string.Empty).ToLower(),
            };
        if (query.Search?.Trim().ToLowerInvariant() is { Length: > 0 } search)
        {
            members = members.Where(m => m.NameKey.Contains(search) || m.EmailKey.Contains(search));
        }

        var total = await members.CountAsync(ct);
        var ordered = (query.Sort, query.Descending) switch
        {
            (MemberSort.Name, false) => members.OrderBy(m => m.NameKey).ThenBy(m => m.Id),
            (MemberSort.Name, true) => members.OrderByDescending(m => m.NameKey).ThenBy(m => m.Id),
            (MemberSort.Email, false) => members.OrderBy(m => m.EmailKey).ThenBy(m => m.Id),
            (MemberSort.Email, true) => members.OrderByDescending(m => m.EmailKey).ThenBy(m => m.Id),
            (_, false) => members.OrderBy(m => m.RoleRank).ThenBy(m => m.NameKey).ThenBy(m => m.Id),
            (_, true) => members.OrderByDescending(m => m.RoleRank).ThenBy(m => m.NameKey).ThenBy(m => m.Id),
        };
        var size = Math.Clamp(query.PageSize, 1, MemberQuery.MaxPageSize);
        var rows = await ordered.Skip(Math.Max(0, query.Page) * size).Take(size).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return new MemberPage(
            [.. rows.Select(r =>
            {
                var role = Roles.Parse(r.Role) ?? TeamRole.Agent;
                return new TeamMemberRow(
                    r.Id, r.DisplayName, r.Email ?? string.Empty, role, r.IsActive, r.LockoutEnd > now, r.CreatedAt,
                    r.Id == me.Id, r.Id != me.Id && TeamRules.CanManage(me.Role, role));
            })],
            total);
    }

    public async Task<IReadOnlyList<InvitationRow>> ListInvitationsAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, _) = Services(scope);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var now = clock.GetUtcNow();
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null)
            .OrderByDescending(i => i.CreatedAt)
            .Take(200)
            .ToListAsync(ct);
        var inviterIds = invitations.Select(i => i.InvitedByUserId).Distinct().ToList();
        var inviters = await db.Users.AsNoTracking().Where(u => inviterIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return invitations
            .Select(i => new InvitationRow(i.Id, i.Email, i.Role, inviters.GetValueOrDefault(i.InvitedByUserId, "?"),
                i.CreatedAt, i.ExpiresAt, i.StatusAt(now)))
            .ToList();
    }

    /// <summary>Invites <paramref name="email"/>; an open invitation to the same address is renewed instead of duplicated.</summary>
    public async Task<InvitationLink> InviteAsync(CurrentMember actor, string email, TeamRole role, Uri baseUri, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Services(scope);
        var me = await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var address = (email ?? string.Empty).Trim();
        if (await users.FindByEmailAsync(address) is not null)
        {
            throw new DomainException("invitation.already_member", "Someone with this email address is already on the team.");
        }

        var now = clock.GetUtcNow();
        var (token, hash) = InvitationTokens.Create();
        var normalized = address.ToUpperInvariant();
        var open = (await db.Invitations
                .Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.Email.ToUpper() == normalized)
                .ToListAsync(ct))
            .FirstOrDefault(i => i.StatusAt(now) is InvitationStatus.Pending or InvitationStatus.Expired && i.Role == role);

        // Inviting again renews an open invitation: the same right to the role applies as for a new one.
        if (open is not null && !TeamRules.CanInvite(me.Role, role))
        {
            throw new DomainException("invitation.role_not_allowed", $"A {me.Role} cannot invite a {role}.");
        }

        var invitation = open ?? Invitation.Create(address, role, me.Id, me.Role, hash, now, options.Value.InvitationLifetime);
        if (open is null)
        {
            db.Invitations.Add(invitation);
        }
        else
        {
            open.Renew(hash, now, options.Value.InvitationLifetime);
        }

        audit.Add(db, actor, open is null ? AuditAction.InvitationCreated : AuditAction.InvitationRenewed, invitation.Email, $"role {role}");
        await db.SaveChangesAsync(ct);
        var url = new Uri(baseUri, $"invite/{token}");
        var emailed = await sender.SendAsync(invitation.Email, me.DisplayName, url, ct);
        logger.LogInformation("User {ActorId} invited a new {Role} (invitation {InvitationId}, emailed: {Emailed})",
            me.Id, role, invitation.Id, emailed);
        return new InvitationLink(invitation.Id, invitation.Email, url, emailed);
    }

    /// <summary>Issues a fresh link for an open invitation; the previous link stops working.</summary>
    public async Task<InvitationLink> RenewInvitationAsync(CurrentMember actor, Guid invitationId, Uri baseUri, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, _) = Services(scope);
        var me = await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var invitation = await FindManageableInvitationAsync(db, me, invitationId, ct);
        var (token, hash) = InvitationTokens.Create();
        invitation.Renew(hash, clock.GetUtcNow(), options.Value.InvitationLifetime);
        audit.Add(db, actor, AuditAction.InvitationRenewed, invitation.Email, $"role {invitation.Role}");
        await db.SaveChangesAsync(ct);
        var url = new Uri(baseUri, $"invite/{token}");
        var emailed = await sender.SendAsync(invitation.Email, me.DisplayName, url, ct);
        return new InvitationLink(invitation.Id, invitation.Email, url, emailed);
    }

    public async Task RevokeInvitationAsync(CurrentMember actor, Guid invitationId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, _) = Services(scope);
        var me = await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var invitation = await FindManageableInvitationAsync(db, me, invitationId, ct);
        invitation.Revoke(clock.GetUtcNow());
        audit.Add(db, actor, AuditAction.InvitationRevoked, invitation.Email, $"role {invitation.Role}");
        await db.SaveChangesAsync(ct);
        logger.LogInformation("User {ActorId} revoked invitation {InvitationId}", me.Id, invitationId);
    }

    /// <summary>Ends the member's access: sign-in is refused and every open session ends at once.</summary>
    public async Task DeactivateAsync(CurrentMember actor, string userId, CancellationToken ct = default)
    {
        await ChangeMemberAsync(actor, userId, async (users, target) =>
        {
            target.IsActive = false;
            target.DeactivatedAt = clock.GetUtcNow();
            IdentityErrors.ThrowIfFailed(await users.UpdateAsync(target));
            IdentityErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(target));
        }, AuditAction.MemberDeactivated, ct);
        await EndSessionsAsync(userId, "deactivated");
    }

    public Task ReactivateAsync(CurrentMember actor, string userId, CancellationToken ct = default) =>
        ChangeMemberAsync(actor, userId, async (users, target) =>
        {
            target.IsActive = true;
            target.DeactivatedAt = null;
            IdentityErrors.ThrowIfFailed(await users.UpdateAsync(target));
        }, AuditAction.MemberReactivated, ct);

    /// <summary>Lifts a lockout after too many failed sign-ins.</summary>
    public Task UnlockAsync(CurrentMember actor, string userId, CancellationToken ct = default) =>
        ChangeMemberAsync(actor, userId, async (users, target) =>
        {
            IdentityErrors.ThrowIfFailed(await users.SetLockoutEndDateAsync(target, null));
            IdentityErrors.ThrowIfFailed(await users.ResetAccessFailedCountAsync(target));
        }, AuditAction.MemberUnlocked, ct);

    /// <summary>Moves a member to another role; they sign in again so the new role applies everywhere.</summary>
    public Task ChangeRoleAsync(CurrentMember actor, string userId, TeamRole role, CancellationToken ct = default) =>
        ChangeMemberAsync(actor, userId, async (users, target) =>
        {
            var current = (await users.GetRolesAsync(target)).ToList();
            IdentityErrors.ThrowIfFailed(await users.RemoveFromRolesAsync(target, current));
            IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(target, Roles.NameOf(role)));
            IdentityErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(target));
        }, AuditAction.RoleChanged, ct, newRole: role);

    private async Task<AppUser> ChangeMemberAsync(
        CurrentMember actor, string userId, Func<UserManager<AppUser>, AppUser, Task> change, AuditAction what,
        CancellationToken ct, TeamRole? newRole = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, users) = Services(scope);
        var me = await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var target = await users.FindByIdAsync(userId)
            ?? throw new DomainException("team.member_not_found", "This team member does not exist.");
        var targetRole = Roles.Parse((await users.GetRolesAsync(target)).FirstOrDefault()) ?? TeamRole.Agent;
        if (target.Id == me.Id)
        {
            throw new DomainException("team.not_yourself", "You cannot change your own access.");
        }

        if (!TeamRules.CanManage(me.Role, targetRole) || (newRole is { } r && !TeamRules.CanInvite(me.Role, r)))
        {
            throw new DomainException("team.not_allowed", "You are not allowed to change this member.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await change(users, target);
        audit.Add(db, actor, what, AuditLog.Name(target), newRole is { } to ? $"{targetRole} → {to}" : null);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signals.MemberChanged(target.Id);
        logger.LogInformation("User {ActorId} {Change} member {UserId}", me.Id, what, target.Id);
        return target;
    }

    private static (BizInboxDbContext Db, UserManager<AppUser> Users) Services(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<BizInboxDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());

    private static async Task<Invitation> FindManageableInvitationAsync(BizInboxDbContext db, Actor me, Guid id, CancellationToken ct)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new DomainException("invitation.not_found", "This invitation does not exist.");
        if (!TeamRules.CanInvite(me.Role, invitation.Role))
        {
            throw new DomainException("team.not_allowed", "You are not allowed to change this invitation.");
        }

        return invitation;
    }
}
