using BizInbox.Domain;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Channels.WhatsApp.Composer;
using BizInbox.Web.Features.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using BizInbox.Web.Identity;
using BizInbox.Web.Ui;
using BizInbox.Web.Features.Contacts;

namespace BizInbox.Web.Features.Inbox.NewConversation;

public sealed partial class NewConversationDialog
{
    [Inject] private ConversationService Conversations { get; set; } = default!;
    [Inject] private TemplateService Templates { get; set; } = default!;
    [Inject] private BusinessTime Time { get; set; } = default!;
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private CurrentMember Member { get; set; } = default!;

    /// <summary>The contact to write to, when the dialog opens from their record; otherwise the agent picks one.</summary>
    [Parameter] public Recipient? Contact { get; set; }

    /// <summary>One send per dialog: a double click or a retry after a lost answer sends the template once.</summary>
    private readonly string _clientMessageId = Guid.NewGuid().ToString("N");
    private readonly WhatsAppDraft _draft = new();
    private IReadOnlyList<WhatsAppSender>? _senders;
    private IReadOnlyList<TemplateOption> _templates = [];
    private int _inboxId;
    private Recipient? _recipient;
    private RecipientState? _state;
    private string? _error;
    private bool _sending;

    private bool CanSend => !_sending && _senders is { Count: > 0 };

    protected override async Task OnInitializedAsync()
    {
        _senders = await Conversations.WhatsAppSendersAsync(await UserAsync());
        _recipient = Contact;
        if (_senders.Count > 0)
        {
            await SenderChangedAsync(_senders[0].InboxId);
        }
    }

    private async Task<CurrentMember> UserAsync() => Member;

    private async Task SenderChangedAsync(int inboxId)
    {
        _inboxId = inboxId;
        _templates = await Templates.ApprovedAsync(await UserAsync(), inboxId);
        _draft.Pick(null);
        await RecipientChangedAsync(_recipient);
    }

    private async Task<IEnumerable<Recipient>> FindAsync(string text, CancellationToken ct) =>
        await Conversations.FindRecipientsAsync(await UserAsync(), _inboxId, text, ct);

    private async Task RecipientChangedAsync(Recipient? recipient)
    {
        _recipient = recipient;
        _error = null;
        _state = recipient?.ContactId is { } contactId ? await Conversations.RecipientStateAsync(await UserAsync(), _inboxId, contactId) : null;
    }

    private static string Describe(Recipient? recipient) => recipient is null ? string.Empty
        : recipient.IsTyped ? recipient.Name : $"{recipient.Name} · {recipient.Number}";

    private async Task SendAsync()
    {
        if (!CanSend)
        {
            return;
        }

        // The button stays enabled so that it can say what is missing (the template editor does not re-render the dialog).
        if (_recipient is null || _draft.For(ReplyKind.Template, string.Empty) is not TemplateDraft template)
        {
            _error = _recipient is null ? L["Choose who to write to."] : L["Choose a template first."];
            return;
        }

        _sending = true;
        _error = null;
        try
        {
            var conversationId = await Conversations.StartWhatsAppAsync(await UserAsync(), _inboxId, _recipient!, template, _clientMessageId);
            Dialog.Close(DialogResult.Ok(conversationId));
        }
        catch (DomainException ex)
        {
            _error = L[$"Error.{ex.Code}"];
        }
        finally
        {
            _sending = false;
        }
    }
}
