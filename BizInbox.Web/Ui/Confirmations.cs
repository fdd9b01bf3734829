using MudBlazor;

namespace BizInbox.Web.Ui;

/// <summary>The one way pages ask before something that cannot be undone.</summary>
public static class Confirmations
{
    /// <summary>Shows a message box with the action's own verb on its button; true only when that button was chosen.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string action, string cancel) =>
        await dialogs.ShowMessageBoxAsync(title, message, yesText: action, cancelText: cancel) == true;
}
