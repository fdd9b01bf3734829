using System.Security.Claims;
using BizInbox.Web.Identity.Sessions;
using BizInbox.Web.Identity.TwoFactor;
using BizInbox.Web.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using BizInbox.Web.Data;

namespace BizInbox.Web.Identity;

/// <summary>
/// Re-checks a live circuit's user on an interval: a deactivated, deleted or re-stamped user, or one whose
/// session was signed out, becomes anonymous and the page sends them to sign-in; a member without two-factor
/// sign-in in a team that now requires it too, and the page sends them to set it up. When a session ends or the
/// requirement is turned on on this server, the circuit hears it at once (the user's and the team's topics)
/// instead of waiting for the interval. It also keeps the circuit's <see cref="CurrentMember"/>: set from the
/// authentication state, forgotten at each check and at once when the member's role, activity or name changes, so
/// that no verb runs on a stale role.
/// </summary>
internal sealed class RevalidatingIdentityAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<IdentityOptions> _identityOptions;
    private readonly IOptions<TeamAccessOptions> _accessOptions;
    private readonly IInboxEventBus _bus;
    private readonly TeamTwoFactorPolicy _twoFactor;
    private readonly CurrentMember _member;
    private IDisposable[] _subscriptions = [];

    public RevalidatingIdentityAuthenticationStateProvider(
        ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> identityOptions,
        IOptions<TeamAccessOptions> accessOptions, IInboxEventBus bus, TeamTwoFactorPolicy twoFactor, CurrentMember member)
        : base(loggerFactory)
    {
        _scopeFactory = scopeFactory;
        _identityOptions = identityOptions;
        _accessOptions = accessOptions;
        _bus = bus;
        _twoFactor = twoFactor;
        _member = member;
        AuthenticationStateChanged += WatchSessionsOf;
    }

    /// <summary>The user was let go because the team requires two-factor sign-in and they have none: set it up, not sign in.</summary>
    public bool TwoFactorSetupRequired { get; private set; }

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
        AsyncServiceScope scope;
        try
        {
            scope = _scopeFactory.CreateAsyncScope();
        }
        catch (ObjectDisposedException)
        {
            // The app is stopping: the circuit goes with it, and its browser signs in again wherever it lands.
            return true;
        }

        await using var _ = scope;
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var sessions = scope.ServiceProvider.GetRequiredService<AccountSessions>();
        _member.Forget();
        try
        {
            return await IsStillValidAsync(userManager, sessions, authenticationState.User, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The circuit closed during the check: there is no screen left to sign out.
            return true;
        }
    }

    protected override void Dispose(bool disposing)
    {
        AuthenticationStateChanged -= WatchSessionsOf;
        Unsubscribe();
        base.Dispose(disposing);
    }

    private async void WatchSessionsOf(Task<AuthenticationState> state)
    {
        try
        {
            var user = (await state).User;
            _member.Use(user);
            var userId = user.UserId();
            Unsubscribe();
            _subscriptions = userId is null ? [] : [_bus.Subscribe(Topics.User(userId), RecheckAsync), _bus.Subscribe(Topics.Team, RecheckAsync)];
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The interval still revalidates; a failed subscription must not take the circuit down.
            Unsubscribe();
        }
    }

    private void Unsubscribe()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions = [];
    }

    private async Task RecheckAsync(InboxChange change)
    {
        // Before the first await: the bus starts handlers as it publishes, so the admin's change has reached this
        // circuit's member before their verb returns.
        if (change.Kind is ChangeKind.MemberChanged or ChangeKind.SessionsEnded)
        {
            _member.Forget();
        }

        if (change.Kind is ChangeKind.SessionsEnded or ChangeKind.TwoFactorRequirementChanged)
        {
            await RecheckNowAsync();
        }
    }

    /// <summary>Checks the user now instead of at the next interval; false when they were let go.</summary>
    internal async Task<bool> RecheckNowAsync()
    {
        var current = await GetAuthenticationStateAsync();
        if (current.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        if (await ValidateAuthenticationStateAsync(current, CancellationToken.None))
        {
            return true;
        }

        Unsubscribe();
        SetAuthenticationState(Task.FromResult(Anonymous));
        return false;
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

        // Read afresh: another server's owner may have turned the requirement on since this one cached it.
        if (!user.TwoFactorEnabled && await _twoFactor.ReadAsync(ct))
        {
            TwoFactorSetupRequired = true;
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
