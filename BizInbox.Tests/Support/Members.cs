using System.Security.Claims;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Support;

/// <summary>The member of a new request, as the app's middleware sets it, for tests that call services directly.</summary>
internal static class Members
{
    public static CurrentMember MemberFor(this IServiceProvider services, string userId)
    {
        var member = new CurrentMember(services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>());
        member.Use(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test")));
        return member;
    }

    /// <summary>A request without a signed-in user.</summary>
    public static CurrentMember Anonymous(this IServiceProvider services) =>
        new(services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>());
}
