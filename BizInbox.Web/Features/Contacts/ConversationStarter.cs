using MudBlazor;

namespace BizInbox.Web.Features.Contacts;

/// <summary>
/// The button on the contact page that starts a conversation with the contact: a component with a <c>Contact</c>
/// (<see cref="Recipient"/>) and a <c>Variant</c> parameter. The inbox registers its own, so Contacts needs no inbox.
/// </summary>
public sealed record ConversationStarter(Type Button)
{
    public IDictionary<string, object?> ParametersFor(Recipient contact) =>
        new Dictionary<string, object?> { ["Contact"] = contact, ["Variant"] = Variant.Outlined };
}
