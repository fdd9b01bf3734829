using System.Security.Claims;
using System.Security.Cryptography;
using BizInbox.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Identity.Sessions;

/// <summary>
/// Keeps sign-ins in the database (the cookie handler's session store): the cookie names a row, and sign-out
/// deletes it, so a copied cookie is worthless afterwards. Each request reads its row, which every server of an
/// installation shares; nothing is cached, so an ended session ends on every server at once.
/// </summary>
public sealed class DatabaseTicketStore(
    IDbContextFactory<BizInboxDbContext> contexts, IDataProtectionProvider protection, TimeProvider clock) : ITicketStore
{
    /// <summary>The claim that names the session row, so that a live Blazor circuit can check it still exists.</summary>
    public const string SessionClaim = "bizinbox:session";

    private readonly IDataProtector _protector = protection.CreateProtector("BizInbox.UserSessions.v1");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var old in identity.FindAll(SessionClaim).ToList())
            {
                identity.RemoveClaim(old);
            }

            identity.AddClaim(new Claim(SessionClaim, id));
        }

        var userId = ticket.Principal.UserId() ?? string.Empty;
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync();
        // Sessions that simply expired are swept at the owner's next sign-in instead of by a background job.
        await db.UserSessions.Where(s => s.UserId == userId && s.ExpiresAt < now).ExecuteDeleteAsync();
        db.UserSessions.Add(new UserSession
        {
            Id = id,
            UserId = userId,
            Ticket = Protect(ticket),
            CreatedAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc,
        });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var ticketBytes = Protect(ticket);
        var expires = ticket.Properties.ExpiresUtc;
        await db.UserSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Ticket, ticketBytes).SetProperty(s => s.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var session = await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key);
        if (session is null || session.ExpiresAt < clock.GetUtcNow())
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(session.Ticket));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));
}

/// <summary>Puts <see cref="DatabaseTicketStore"/> behind the application cookie.</summary>
internal static class TicketStoreRegistration
{
    public static IServiceCollection AddDatabaseSessions(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((cookie, store) => cookie.SessionStore = store);
        return services;
    }
}
