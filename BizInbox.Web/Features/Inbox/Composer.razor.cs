using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Channels.WhatsApp.Composer;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace BizInbox.Web.Features.Inbox;

/// <summary>
/// Sending and drafts. The text arrives from the browser (what is on screen when Enter or Send is pressed);
/// input events only feed the length counter and the collision check, they are never written back.
/// </summary>
public sealed partial class Composer
{
    /// <summary>What the browser shows after opening a conversation's draft.</summary>
    public sealed record ShownDraft(string Text, bool Note);

    private ElementReference _box;
    private CannedReplyPicker _picker = default!;
    private DotNetObjectReference<Composer>? _self;
    private string _text = string.Empty;
    private bool _note;
    private bool _sending;
    private string _clientMessageId = NewKey();
    private long? _draftBase;
    private long? _openFor;
    private IReadOnlyList<TemplateOption> _templates = [];
    private readonly WhatsAppDraft _whatsApp = new();
    private ReplyKind _kind = ReplyKind.Text;
    private ITimer? _ticker;
    private int? _templatesFor;

    protected override async Task OnParametersSetAsync()
    {
        if (Header is not null && Channels.For(Header.Channel).Kinds.Contains(ReplyKind.Template) && _templatesFor != Header.InboxId)
        {
            _templatesFor = Header.InboxId;
            _templates = await Templates.ApprovedAsync(Member, Header.InboxId);
            // The window's countdown moves on by itself, and the composer switches to templates the moment it closes.
            _ticker ??= Clock.CreateTimer(_ => InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        }

        if (_self is not null && _openFor != ConversationId)
        {
            // Buttons, rows or a file put together for one customer must not go to the next.
            _whatsApp.Clear();
            _kind = ReplyKind.Text;
            await OpenDraftAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            // From here on a re-render compares against this conversation. Until the draft is open (two round trips
            // away) a re-render for any other reason (someone's presence, a new message) would otherwise look like a
            // switch to another conversation and clear the buttons or file the agent has already started.
            _openFor = ConversationId;
            var user = Member;
            await JS.InvokeVoidAsync("bizInbox.composer.attach", _box, _self, user.UserId, ConversationId);
            await _picker.AttachAsync(_box);
            await OpenDraftAsync();
            StateHasChanged();
        }
    }

    /// <summary>Shows the newer of the browser's and the server's draft of this conversation.</summary>
    private async Task OpenDraftAsync()
    {
        _openFor = ConversationId;
        var saved = await Drafts.FindAsync(Member, ConversationId);
        var shown = await JS.InvokeAsync<ShownDraft?>("bizInbox.composer.open", _box, ConversationId,
            saved is null ? null : new ShownDraft(saved.Text, saved.Mode == DraftMode.Note));
        _text = shown?.Text ?? string.Empty;
        _note = shown?.Note ?? false;
        _draftBase = _text.Length == 0 ? null : LastMessageId;
    }

    private void OnInput(ChangeEventArgs e)
    {
        _text = e.Value as string ?? string.Empty;
        // The draft starts with its first character: replies by others after this moment are "unseen".
        _draftBase = _text.Length == 0 ? null : _draftBase ?? LastMessageId;
    }

    private async Task SetModeAsync(bool note)
    {
        _note = note;
        await JS.InvokeVoidAsync("bizInbox.composer.mode", _box, note);
    }

    private async Task MentionAsync(string name)
    {
        await JS.InvokeVoidAsync("bizInbox.composer.insert", _box, "@" + name + " ");
        _draftBase ??= LastMessageId;
    }

    /// <summary>A canned reply with buttons becomes a buttons message where the channel takes buttons now (WhatsApp, in the window).</summary>
    private void UseButtons(IReadOnlyList<string> titles)
    {
        if (_note || !Offer.Takes(ReplyKind.Buttons))
        {
            return;
        }

        _whatsApp.Buttons.Clear();
        _whatsApp.Buttons.AddRange(titles);
        _kind = ReplyKind.Buttons;
    }

    /// <summary>A canned reply's file goes out as the attachment, the reply's text as its caption (the agent may still remove it).</summary>
    private void UseAttachment(UploadedAttachment attachment)
    {
        _whatsApp.Attachment = attachment;
        _kind = ReplyKind.Attachment;
    }

    [JSInvokable]
    public void Typing(bool typing) => OnTyping?.Invoke(typing && !_note);

    [JSInvokable]
    public async Task SaveDraft(long conversationId, string text, bool note) =>
        await Drafts.SaveAsync(Member, conversationId, text, note ? DraftMode.Note : DraftMode.Reply);

    [JSInvokable]
    public Task SendFromKeyboard(string text) => InvokeAsync(() => SendAsync(text));

    private async Task SendFromButtonAsync() => await SendAsync(await JS.InvokeAsync<string?>("bizInbox.composer.text", _box) ?? _text);

    private async Task SendAsync(string text)
    {
        if (_sending)
        {
            return;
        }

        _sending = true;
        StateHasChanged();
        try
        {
            var user = Member;
            if (!await DeliverAsync(user, text))
            {
                return;
            }

            _clientMessageId = NewKey();
            _draftBase = null;
            OnTyping?.Invoke(false);
            await Drafts.DiscardAsync(user, ConversationId);
            _text = await JS.InvokeAsync<string?>("bizInbox.composer.consume", _box, text) ?? string.Empty;
            await OnSent.InvokeAsync();
        }
        catch (DomainException ex)
        {
            Snackbar.Add(L[$"Error.{ex.Code}"], Severity.Error);
        }
        finally
        {
            _sending = false;
            StateHasChanged();
        }
    }

    /// <summary>Adds the note or sends the reply; false when nothing went out (the text stays for the agent).</summary>
    private async Task<bool> DeliverAsync(CurrentMember user, string text)
    {
        if (_note)
        {
            await Conversations.AddNoteAsync(user, ConversationId, text, _clientMessageId);
            return true;
        }

        var draft = _whatsApp.For(EffectiveKind, text);
        if (draft is null)
        {
            Snackbar.Add(EffectiveKind == ReplyKind.Template ? L["Choose a template first."] : L["Choose a file first."], Severity.Warning);
            return false;
        }

        if (!await ReplyAsync(user, draft))
        {
            return false;
        }

        _whatsApp.Clear();
        // The next message is most often plain text again, as in WhatsApp itself.
        _kind = ReplyKind.Text;
        return true;
    }

    /// <summary>Sends the reply; if a teammate replied since this draft began, asks first. False when held back.</summary>
    private async Task<bool> ReplyAsync(CurrentMember user, OutgoingDraft draft)
    {
        var outcome = await Conversations.ReplyAsync(user, ConversationId, draft, _clientMessageId, _draftBase ?? LastMessageId, sendAnyway: false);
        if (outcome.Sent)
        {
            return true;
        }

        var question = string.Format(L["{0} replied at {1}, while you were writing. Send your reply anyway?"], outcome.CollidingAgentName, Time.Time(outcome.CollidingAt!.Value));
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["A teammate already replied"], question, yesText: L["Send anyway"], cancelText: L["Review first"]);
        _draftBase = LastMessageId;
        if (confirmed != true)
        {
            await OnSent.InvokeAsync();
            return false;
        }

        await Conversations.ReplyAsync(user, ConversationId, draft, _clientMessageId, LastMessageId, sendAnyway: true);
        return true;
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    public async ValueTask DisposeAsync()
    {
        OnTyping?.Invoke(false);
        _self?.Dispose();
        if (_ticker is not null)
        {
            await _ticker.DisposeAsync();
        }
    }
}
