using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace BizInbox.Web.Identity.Audit;

/// <summary>
/// Puts the client's address and browser on the signed-in principal of every request, the Blazor connection's
/// included: the services the circuit calls get the principal, never the HttpContext, so this is how "from where"
/// reaches the audit log. The claims live in a separate identity and are never written to the cookie.
/// </summary>
public sealed class AuditOrigin : IClaimsTransformation
{
    public const string AddressClaim = "bizinbox:origin_address";
    public const string AgentClaim = "bizinbox:origin_agent";
    private const string IdentityType = "bizinbox-origin";

    private readonly IHttpContextAccessor _http;

    public AuditOrigin(IHttpContextAccessor http) => _http = http;

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == AddressClaim) || _http.HttpContext is not { } context)
        {
            return Task.FromResult(principal);
        }

        var (address, agent) = Of(context);
        var origin = new ClaimsIdentity(IdentityType);
        origin.AddClaim(new Claim(AddressClaim, address ?? string.Empty));
        origin.AddClaim(new Claim(AgentClaim, agent ?? string.Empty));
        var copy = principal.Clone();
        copy.AddIdentity(origin);
        return Task.FromResult(copy);
    }

    public static (string? Address, string? Agent) Of(HttpContext context) =>
        (context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString());

    /// <summary>The origin the principal carries, else the current request's (sign-in, before there is a principal).</summary>
    internal (string? Address, string? Agent) Of(ClaimsPrincipal? principal)
    {
        if (principal?.FindFirst(AddressClaim) is { } address)
        {
            return (NullIfEmpty(address.Value), NullIfEmpty(principal.FindFirst(AgentClaim)?.Value));
        }

        return _http.HttpContext is { } context ? Of(context) : (null, null);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
