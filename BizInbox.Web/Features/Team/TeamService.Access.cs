using BizInbox.Domain;
using BizInbox.Domain.Audit;
using BizInbox.Domain.Team;
using BizInbox.Web.Identity;
using BizInbox.Web.Identity.Recovery;
using BizInbox.Web.Identity.TwoFactor;
using Microsoft.AspNetCore.Identity;
using BizInbox.Web.Data;

namespace BizInbox.Web.Features.Team;

/// <summary>The team's sign-in safety: sessions of a member, reset links, the two-factor requirement.</summary>
public sealed partial class TeamService
{
    /// <summary>Signs a member out on every browser at once (e.g. a lost phone or laptop).</summary>
    public async Task SignOutEverywhereAsync(CurrentMember actor, string userId, CancellationToken ct = default)
    {
        await ChangeMemberAsync(actor, userId, (_, _) => Task.CompletedTask, AuditAction.MemberSignedOutEverywhere, ct);
        await EndSessionsAsync(userId, "signed out by a team admin");
    }

    /// <summary>
    /// A one-time link with which the member chooses a new password (for teams without e-mail); it expires after
    /// <see cref="TeamAccessOptions.PasswordResetLinkLifetime"/> and stops working once used.
    /// </summary>
    public async Task<Uri> CreateResetLinkAsync(CurrentMember actor, string userId, Uri baseUri, CancellationToken ct = default)
    {
        var target = await ChangeMemberAsync(actor, userId, (_, _) => Task.CompletedTask, AuditAction.PasswordResetLinkCreated, ct);
        await using var scope = scopes.CreateAsyncScope();
        return await PasswordResets.LinkForAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), target, baseUri);
    }

    public async Task<bool> IsTwoFactorRequiredAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeamTwoFactorPolicy>().IsRequiredAsync(ct);
    }

    /// <summary>Owner only: every member must use two-factor sign-in; those without it set it up at their next page.</summary>
    public async Task RequireTwoFactorAsync(CurrentMember actor, bool required, CancellationToken ct = default)
    {
        var me = await actor.RequireAsync(TeamRight.RequireTwoFactor, ct);
        await using var scope = scopes.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<TeamTwoFactorPolicy>().SetAsync(required, ct);
        await audit.RecordAsync(actor, AuditAction.TeamTwoFactorRequirementChanged, details: required ? "required" : "not required", ct: ct);
        logger.LogInformation("User {ActorId} set the team's two-factor requirement to {Required}", me.Id, required);
    }

    private async Task EndSessionsAsync(string userId, string reason)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId) is { } user)
        {
            await sessions.EndAllAsync(users, user, reason);
        }
    }
}
