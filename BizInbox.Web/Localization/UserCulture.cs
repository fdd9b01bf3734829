using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using BizInbox.Web.Data;

namespace BizInbox.Web.Localization;

/// <summary>The UI language: German or English, from the user's saved choice, else the browser's.</summary>
public sealed class UserCulture(IHttpContextAccessor http)
{
    public static readonly string[] Supported = ["de", "en"];

    public static bool IsSupported(string? culture) => culture is not null && Supported.Contains(culture);

    /// <summary>Puts the user's saved language into the culture cookie (at sign-in).</summary>
    public void ApplyPreference(string? culture)
    {
        if (IsSupported(culture) && http.HttpContext is { } context)
        {
            WriteCookie(context, culture!);
        }
    }

    internal static void WriteCookie(HttpContext context, string culture) =>
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
}

public static class LocalizationExtensions
{
    public static IServiceCollection AddUserCulture(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddHttpContextAccessor();
        services.AddScoped<UserCulture>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en").AddSupportedCultures(UserCulture.Supported).AddSupportedUICultures(UserCulture.Supported);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>GET /culture/set?culture=de&amp;returnUrl=/x: remembers the choice in a cookie and, when signed in, on the account.</summary>
    public static IEndpointRouteBuilder MapUserCulture(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", async (string? culture, string? returnUrl, HttpContext context, UserManager<AppUser> users) =>
        {
            if (!UserCulture.IsSupported(culture))
            {
                return Results.BadRequest("Unsupported language.");
            }

            UserCulture.WriteCookie(context, culture!);
            if (await users.GetUserAsync(context.User) is { } user)
            {
                user.PreferredCulture = culture;
                await users.UpdateAsync(user);
            }

            return Results.LocalRedirect(Components.Account.SafeReturnUrl.From(returnUrl));
        }).AllowAnonymous();
        return endpoints;
    }
}
