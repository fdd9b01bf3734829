using System.Security.Claims;
using BizInbox.Web.Identity.Sessions;
using BizInbox.Web.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Identity;

/// <summary>
/// Re-checks a live circuit's user on an interval: a deactivated, deleted or re-stamped user, or one whose
/// session was signed out, becomes anonymous and the page sends them to sign-in. When a session ends on this
/// server the circuit hears it at once (the user's topic) instead of waiting for the interval.
/// </summary>
internal sealed class RevalidatingIdentityAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<IdentityOptions> _identityOptions;
    private readonly IOptions<TeamAccessOptions> _accessOptions;
    private readonly IInboxEventBus _bus;
    private IDisposable? _subscription;

    public RevalidatingIdentityAuthenticationStateProvider(
        ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> identityOptions,
        IOptions<TeamAccessOptions> accessOptions, IInboxEventBus bus)
        : base(loggerFactory)
    {
        _scopeFactory = scopeFactory;
        _identityOptions = identityOptions;
        _accessOptions = accessOptions;
        _bus = bus;
        AuthenticationStateChanged += WatchSessionsOf;
    }

    /// <summary>
    /// At least a second: the base loop awaits a delay of this length and then the check, and with SQLite both complete
    /// synchronously, so a zero interval (a valid setting for the cookie's own check) spun forever inside the request
    /// that rendered the page and never answered it.
    /// </summary>
    protected override TimeSpan RevalidationInterval =>
        _accessOptions.Value.RevalidationInterval < MinimumInterval ? MinimumInterval : _accessOptions.Value.RevalidationInterval;

    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var sessions = scope.ServiceProvider.GetRequiredService<AccountSessions>();
        return await IsStillValidAsync(userManager, sessions, authenticationState.User, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        AuthenticationStateChanged -= WatchSessionsOf;
        _subscription?.Dispose();
        base.Dispose(disposing);
    }

    private async void WatchSessionsOf(Task<AuthenticationState> state)
    {
        try
        {
            var userId = (await state).User.UserId();
            _subscription?.Dispose();
            _subscription = userId is null ? null : _bus.Subscribe(Topics.User(userId), RecheckAsync);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The interval still revalidates; a failed subscription must not take the circuit down.
            _subscription = null;
        }
    }

    private async Task RecheckAsync(InboxChange change)
    {
        if (change.Kind != ChangeKind.SessionsEnded)
        {
            return;
        }

        var current = await GetAuthenticationStateAsync();
        if (!await ValidateAuthenticationStateAsync(current, CancellationToken.None))
        {
            _subscription?.Dispose();
            SetAuthenticationState(Task.FromResult(Anonymous));
        }
    }

    private async Task<bool> IsStillValidAsync(
        UserManager<AppUser> userManager, AccountSessions sessions, ClaimsPrincipal principal, CancellationToken ct)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null || !user.IsActive)
        {
            return false;
        }

        if (principal.FindFirstValue(DatabaseTicketStore.SessionClaim) is { } session && !await sessions.ExistsAsync(session, ct))
        {
            return false;
        }

        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = principal.FindFirstValue(_identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        var userStamp = await userManager.GetSecurityStampAsync(user);
        return principalStamp == userStamp;
    }
}
