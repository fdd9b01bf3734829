using BizInbox.Domain;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity.Audit;

namespace BizInbox.Web.Features.Team;

/// <summary>The invitee's side: look at an invitation, then accept it by choosing a name and password.</summary>
public sealed class InvitationAcceptance(IServiceScopeFactory scopes, TimeProvider clock, AuditLog audit, ILogger<InvitationAcceptance> logger)
{
    /// <summary>The invitation behind a link, or a <see cref="DomainException"/> saying why it cannot be used.</summary>
    public async Task<InvitationPreview> PreviewAsync(string token, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BizInboxDbContext>();
        var invitation = await FindAsync(db, token, ct);
        invitation.EnsureUsable(clock.GetUtcNow());
        var business = await db.TheBusiness.Select(b => b.Name).FirstOrDefaultAsync(ct) ?? "BizInbox";
        return new InvitationPreview(invitation.Email, invitation.Role, business);
    }

    /// <summary>Creates the account and uses up the invitation, atomically. Returns the user to sign in.</summary>
    public async Task<AppUser> AcceptAsync(string token, string displayName, string password, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BizInboxDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invitation = await FindAsync(db, token, ct);
        invitation.EnsureUsable(now);
        var user = TeamMembers.NewUser(displayName, invitation.Email, now);

        // Claim the invitation first: of two people opening one link at once, the second update finds it
        // already accepted (optimistic concurrency) and never gets as far as creating an account.
        invitation.Accept(user.Id, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("invitation.used", "This invitation has already been used.");
        }

        try
        {
            IdentityErrors.ThrowIfFailed(await users.CreateAsync(user, password));
            IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(user, Roles.NameOf(invitation.Role)));
            audit.Add(db, user, Domain.Audit.AuditAction.InvitationAccepted, invitation.Email, $"role {invitation.Role}");
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another invitation for the same address was accepted at the same moment.
            throw new DomainException("member.email_taken", "An account with this email address already exists.");
        }

        await transaction.CommitAsync(ct);
        logger.LogInformation("Invitation {InvitationId} accepted by new member {UserId}", invitation.Id, user.Id);
        return user;
    }

    private static async Task<Domain.Team.Invitation> FindAsync(BizInboxDbContext db, string token, CancellationToken ct)
    {
        var hash = InvitationTokens.Hash(token);
        return await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct)
            ?? throw new DomainException("invitation.not_found", "This invitation link is not valid.");
    }
}
