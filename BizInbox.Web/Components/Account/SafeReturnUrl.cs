namespace BizInbox.Web.Components.Account;

/// <summary>Only local paths are followed after sign-in; anything else goes to the start page.</summary>
internal static class SafeReturnUrl
{
    public static string From(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
