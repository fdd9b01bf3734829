using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Data;

public static class DbContextFactoryExtensions
{
    /// <summary>
    /// A context whose connection is open until it is disposed: for a read of several statements. EF otherwise takes a
    /// connection from the pool and returns it for every statement, and with many screens reading at once the pool's lock
    /// became the place where their threads queued (three quarters of all lock waits under 500 messages a second).
    /// </summary>
    public static async Task<BizInboxDbContext> CreateOpenDbContextAsync(this IDbContextFactory<BizInboxDbContext> contexts, CancellationToken ct = default)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
