using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Setup;

/// <summary>
/// Whether first-run setup has happened. Once it has, it stays so for the life of the process,
/// so the check costs a query only until the owner exists.
/// </summary>
public sealed class FirstRunState(IDbContextFactory<BizInboxDbContext> contexts)
{
    private volatile bool _complete;

    public async Task<bool> IsCompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_complete)
        {
            return true;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        _complete = await db.Users.AnyAsync(cancellationToken) || await db.Businesses.AnyAsync(cancellationToken);
        return _complete;
    }

    internal void MarkComplete() => _complete = true;
}
