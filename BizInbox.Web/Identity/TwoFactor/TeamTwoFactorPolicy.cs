using BizInbox.Domain.Businesses;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using BizInbox.Web.Realtime.Servers;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Identity.TwoFactor;

/// <summary>
/// Whether the owner requires two-factor sign-in for the whole team. Read on page requests, so it is kept for a
/// short while; a change applies at once on this server and, through <see cref="ICrossServerSignals"/>, on the others
/// (open circuits hear it through <see cref="Topics.Team"/>, which the bus carries to every server).
/// </summary>
public sealed class TeamTwoFactorPolicy(IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock, LiveSignals signals, ICrossServerSignals servers)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private (bool Required, DateTimeOffset ReadAt)? _cached;

    public async Task<bool> IsRequiredAsync(CancellationToken ct = default)
    {
        if (_cached is { } cached && clock.GetUtcNow() - cached.ReadAt < CacheFor)
        {
            return cached.Required;
        }

        return await ReadAsync(ct);
    }

    /// <summary>The requirement as the database has it now (another server may have changed it).</summary>
    public async Task<bool> ReadAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var required = await db.Businesses.Where(b => b.Id == Business.SingletonId).Select(b => b.RequiresTwoFactor).FirstOrDefaultAsync(ct);
        _cached = (required, now);
        return required;
    }

    /// <summary>Turns the requirement on or off (the caller has checked that an owner asks).</summary>
    public async Task SetAsync(bool required, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var business = await db.Businesses.FirstAsync(b => b.Id == Business.SingletonId, ct);
        business.RequireTwoFactor(required);
        await db.SaveChangesAsync(ct);
        _cached = (required, clock.GetUtcNow());
        signals.TwoFactorRequirementChanged(required);
        servers.Send(CrossServerSignal.TwoFactorRequirementChanged);
    }

    /// <summary>Reads the requirement afresh on the next request (another server changed it).</summary>
    internal void Forget() => _cached = null;
}

/// <summary>
/// While the team requires two-factor sign-in, a member without it reaches only the account pages: every other
/// page sends them to set it up first. Endpoints and hubs answer 403 instead of redirecting.
/// </summary>
internal sealed class TwoFactorRequirementMiddleware(RequestDelegate next)
{
    public const string SetupPath = "/account/security";

    private static readonly string[] Exempt = ["/account", "/_framework", "/_content", "/css", "/js", "/lib", "/favicon", "/culture", "/health", "/chat", "/widget.js", "/webhooks", "/hubs/widget", "/simulator/graph", "/b"];

    public async Task InvokeAsync(HttpContext context, TeamTwoFactorPolicy policy)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.HasTwoFactor()
            || Exempt.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            || !await policy.IsRequiredAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/_blazor"))
        {
            context.Response.Redirect($"{context.Request.PathBase}{SetupPath}?required=true");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
