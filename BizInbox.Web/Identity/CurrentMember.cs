using System.Security.Claims;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Identity;

/// <summary>
/// The member acting in this circuit, request or hub call (scoped): loaded once with one query and kept until
/// revalidation or a change to the member (role, deactivation, name, language) makes it forget, so that the next
/// verb reads the database again. Background work has none.
/// </summary>
public sealed class CurrentMember(IDbContextFactory<BizInboxDbContext> contexts)
{
    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());
    private readonly Lock _gate = new();
    private ClaimsPrincipal _principal = Nobody;
    private Actor? _actor;
    private bool _loaded;
    private int _generation;

    /// <summary>Who signed in (the cookie's claims); the audit log reads the browser's address from it.</summary>
    public ClaimsPrincipal Principal
    {
        get
        {
            lock (_gate)
            {
                return _principal;
            }
        }
    }

    public string? UserId => Principal.UserId();

    /// <summary>The member as last loaded, without a query (null before the first verb or after a change).</summary>
    public Actor? Known
    {
        get
        {
            lock (_gate)
            {
                return _loaded ? _actor : null;
            }
        }
    }

    /// <summary>Sets who is signed in: from the circuit's authentication state, the request's or the hub call's user.</summary>
    public void Use(ClaimsPrincipal principal)
    {
        lock (_gate)
        {
            if (principal.UserId() != _principal.UserId())
            {
                ForgetLocked();
            }

            _principal = principal;
        }
    }

    /// <summary>The member changed or was re-checked: the next verb loads them again.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            ForgetLocked();
        }
    }

    /// <summary>The acting member if they may do what <paramref name="permission"/> names; otherwise the permission's refusal.</summary>
    public async Task<Actor> RequireAsync(TeamRight permission, CancellationToken ct = default)
    {
        var actor = await FindAsync(ct);
        return permission.Check(actor) is { } refusal ? throw refusal : actor!;
    }

    /// <summary>The signed-in user as an active member with a role, or null.</summary>
    public async Task<Actor?> FindAsync(CancellationToken ct = default)
    {
        string? id;
        int generation;
        lock (_gate)
        {
            if (_loaded)
            {
                return _actor;
            }

            id = _principal.UserId();
            generation = _generation;
        }

        if (id is null)
        {
            return null;
        }

        var actor = await LoadAsync(id, ct);
        lock (_gate)
        {
            if (generation == _generation)
            {
                (_actor, _loaded) = (actor, true);
            }
        }

        return actor;
    }

    private async Task<Actor?> LoadAsync(string id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await (
            from user in db.Users.AsNoTracking()
            where user.Id == id && user.IsActive
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            select new { user.Id, user.DisplayName, user.PreferredCulture, Role = role.Name }).FirstOrDefaultAsync(ct);
        return row is null || Roles.Parse(row.Role) is not { } teamRole ? null : new Actor(row.Id, row.DisplayName, teamRole, row.PreferredCulture);
    }

    private void ForgetLocked()
    {
        (_actor, _loaded) = (null, false);
        _generation++;
    }
}
