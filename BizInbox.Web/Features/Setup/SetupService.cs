using BizInbox.Domain;
using BizInbox.Domain.Businesses;
using BizInbox.Domain.Channels;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Setup;

public sealed record SetupRequest(
    string BusinessName, string TimeZoneId, string OwnerName, string Email, string Password, string WebChatInboxName = "Website chat");

/// <summary>Creates the business and its owner, exactly once.</summary>
public sealed class SetupService(
    IServiceScopeFactory scopes, FirstRunState state, TimeProvider clock, ILogger<SetupService> logger)
{
    /// <summary>Returns the owner, ready to be signed in. Throws <see cref="DomainException"/> for invalid input or a finished setup.</summary>
    public async Task<AppUser> CompleteAsync(SetupRequest request, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BizInboxDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = clock.GetUtcNow();

        var business = Business.Create(request.BusinessName, request.TimeZoneId, now);
        var owner = TeamMembers.NewUser(request.OwnerName, request.Email, now);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken) || await db.Businesses.AnyAsync(cancellationToken))
        {
            throw new DomainException("setup.already_done", "Setup has already been completed.");
        }

        db.Businesses.Add(business);
        db.Inboxes.Add(Domain.Channels.Inbox.Create(request.WebChatInboxName, ChannelType.WebChat, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent setup inserted the single business row first.
            throw new DomainException("setup.already_done", "Setup has already been completed.");
        }

        IdentityErrors.ThrowIfFailed(await users.CreateAsync(owner, request.Password));
        IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(owner, Roles.Owner));
        await transaction.CommitAsync(cancellationToken);

        state.MarkComplete();
        logger.LogInformation("First-run setup created the business and its owner {UserId}", owner.Id);
        return owner;
    }
}
