using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Servers;

/// <summary>
/// Leases in the database (the <c>Leases</c> table), taken by a conditional update that every provider runs atomically:
/// of two servers asking at once, one gets the lease. Used for work that must run once per installation.
/// </summary>
public sealed class Leases(IDbContextFactory<BizInboxDbContext> contexts, ServerIdentity server, TimeProvider clock)
{
    /// <summary>
    /// Takes (or, when this server holds it, renews) the lease <paramref name="name"/> for <paramref name="length"/>;
    /// false while another server holds it.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan length, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var until = now + length;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var taken = await db.Leases.Where(l => l.Name == name && (l.Holder == server.Id || l.Until <= now))
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, server.Id).SetProperty(l => l.Until, until), ct);
        if (taken == 1)
        {
            return true;
        }

        if (await db.Leases.AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }

        db.Leases.Add(Lease.Taken(name, server.Id, until));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The lease's first use, by two servers at once: the other inserted it first (a unique key violation).
            db.ChangeTracker.Clear();
            if (await db.Leases.AnyAsync(l => l.Name == name, ct))
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>Who holds the lease now, if anyone.</summary>
    public async Task<string?> HolderAsync(string name, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Leases.Where(l => l.Name == name && l.Until > now).Select(l => l.Holder).FirstOrDefaultAsync(ct);
    }
}
