using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Identity.Sessions;

/// <summary>
/// Ends sessions: this browser's (sign-out) or every browser of a member (sign out everywhere, deactivation,
/// password reset). The single place where sessions end, so that an audit entry is one line here.
/// </summary>
public sealed class AccountSessions(IDbContextFactory<BizInboxDbContext> contexts, LiveSignals signals, ILogger<AccountSessions> logger)
{
    /// <summary>Signs this browser out; its session row goes with it (the cookie handler removes it from the store).</summary>
    public async Task SignOutAsync(SignInManager<AppUser> signIn)
    {
        var userId = signIn.Context.User.UserId();
        await signIn.SignOutAsync();
        if (userId is not null)
        {
            signals.SessionsEnded(userId);
        }
    }

    /// <summary>
    /// Ends every session of <paramref name="user"/>: the rows go (cookies stop working on their next request) and
    /// the security stamp changes (the "remember this browser" cookie of two-factor sign-in and any cookie issued
    /// before sessions were stored stop too); open circuits on this server end at once, elsewhere at revalidation.
    /// </summary>
    public async Task EndAllAsync(UserManager<AppUser> users, AppUser user, string reason)
    {
        IdentityErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.UserSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync();
        }

        signals.SessionsEnded(user.Id);
        logger.LogInformation("All sessions of user {UserId} ended ({Reason})", user.Id, reason);
    }

    public async Task<bool> ExistsAsync(string sessionId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.UserSessions.AnyAsync(s => s.Id == sessionId, ct);
    }
}
