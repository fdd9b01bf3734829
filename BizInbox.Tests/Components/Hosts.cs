using AngleSharp.Dom;
using Bunit;
using MudBlazor;

namespace BizInbox.Tests.Components;

/// <summary>MudBlazor's dialog, snackbar and popover hosts, kept apart so a test can look into each.</summary>
public sealed record Hosts(
    IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars, IRenderedComponent<MudPopoverProvider> Popovers)
{
    public static Hosts Render(BunitContext context) =>
        new(context.Render<MudDialogProvider>(), context.Render<MudSnackbarProvider>(), context.Render<MudPopoverProvider>());

    /// <summary>Waits for the open dialog and clicks its button named <paramref name="text"/>.</summary>
    public void Answer(string text) =>
        Dialogs.WaitForElements(".mud-dialog button").First(b => b.TextContent.Trim() == text).Click();

    /// <summary>Picks <paramref name="text"/> from the list an open select or menu shows.</summary>
    public void Pick(string text) =>
        Popovers.WaitForElements(".mud-list-item").First(i => i.TextContent.Trim() == text).Click();
}

/// <summary>Finding MudBlazor fields by their visible label, as a person would.</summary>
public static class MudFields
{
    /// <summary>The whole field (label, input, helper or error text) labelled <paramref name="label"/>.</summary>
    public static IElement Field<T>(this IRenderedComponent<T> component, string label) where T : Microsoft.AspNetCore.Components.IComponent =>
        Field(component.FindAll(".mud-input-control"), label);

    /// <summary>The input or text area of the field labelled <paramref name="label"/>.</summary>
    public static IElement Input<T>(this IRenderedComponent<T> component, string label) where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Field(label).QuerySelector("input, textarea") ?? throw new InvalidOperationException($"The field {label} has no input.");

    /// <summary>The error shown under the field labelled <paramref name="label"/>, or null.</summary>
    public static string? ErrorOf<T>(this IRenderedComponent<T> component, string label) where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Field(label).QuerySelector(".mud-input-error .mud-input-helper-text, .mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    private static IElement Field(IEnumerable<IElement> fields, string label) =>
        fields.FirstOrDefault(f => f.QuerySelector("label")?.TextContent.Trim() == label)
        ?? throw new InvalidOperationException($"No field labelled {label}.");
}
