using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BizInbox.Web.Components.Layout;

/// <summary>
/// Moves focus to the new page's heading after a navigation (so a screen reader announces the page), like Blazor's
/// FocusOnNavigate, except when the user is already typing in a field. The first interactive render of a page comes a
/// round trip after the page is shown; an agent who clicked into the reply box and started typing would otherwise have
/// their next keys sent to the heading (and to the inbox's one-key shortcuts: "e" resolves, "j" opens the next chat).
/// </summary>
public sealed class FocusOnNavigateUnlessTyping : ComponentBase
{
    private Type? _page;
    private bool _focusAfterRender;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired] public Microsoft.AspNetCore.Components.RouteData RouteData { get; set; } = default!;

    [Parameter, EditorRequired] public string Selector { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (RouteData.PageType != _page)
        {
            _page = RouteData.PageType;
            _focusAfterRender = true;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusAfterRender)
        {
            _focusAfterRender = false;
            await JS.InvokeVoidAsync("bizInbox.focusHeading", Selector);
        }
    }
}
