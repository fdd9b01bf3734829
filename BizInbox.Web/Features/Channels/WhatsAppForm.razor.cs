using BizInbox.Domain;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Ui;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Channels;

public partial class WhatsAppForm
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["inbox.name_required"] = nameof(Form.InboxName), ["inbox.name_too_long"] = nameof(Form.InboxName),
        ["whatsapp.phone_number_id_invalid"] = nameof(Form.PhoneNumberId), ["whatsapp.number_taken"] = nameof(Form.PhoneNumberId),
        ["whatsapp.business_account_id_invalid"] = nameof(Form.BusinessAccountId),
        ["whatsapp.display_number_invalid"] = nameof(Form.DisplayPhoneNumber),
        ["whatsapp.api_version_invalid"] = nameof(Form.GraphApiVersion), ["whatsapp.base_url_invalid"] = nameof(Form.GraphBaseUrl),
        [GraphAddressPolicy.NotHttpsCode] = nameof(Form.GraphBaseUrl),
    };

    private sealed class Form
    {
        public string InboxName { get; set; } = "WhatsApp";
        public string PhoneNumberId { get; set; } = string.Empty;
        public string BusinessAccountId { get; set; } = string.Empty;
        public string DisplayPhoneNumber { get; set; } = string.Empty;
        public string? AccessToken { get; set; }
        public string? AppSecret { get; set; }
        public string? VerifyToken { get; set; }
        public string? GraphApiVersion { get; set; }
        public string? GraphBaseUrl { get; set; }

        public WhatsAppSettingsInput ToInput() =>
            new(PhoneNumberId, BusinessAccountId, DisplayPhoneNumber, AccessToken, AppSecret, VerifyToken, GraphApiVersion, GraphBaseUrl);

        /// <summary>The secrets left empty; a new connection needs all three.</summary>
        public IEnumerable<string> MissingSecrets() =>
            new[] { (nameof(AccessToken), AccessToken), (nameof(AppSecret), AppSecret), (nameof(VerifyToken), VerifyToken) }
                .Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => s.Item1);
    }

    [Inject] private CurrentMember Member { get; set; } = default!;
    /// <summary>The connection to change, or null to connect a new number.</summary>
    [Parameter] public WhatsAppConnectionView? Connection { get; set; }
    [Parameter] public EventCallback OnSaved { get; set; }
    /// <summary>With no <see cref="Connection"/>: the disconnected WhatsApp inbox to connect a number to, instead of a new inbox.</summary>
    [Parameter] public int? ReconnectInboxId { get; set; }

    private Form _form = new();
    private WhatsAppConnectionView? _shown;
    private FieldErrors _errors = default!;

    protected override void OnInitialized() => _errors = new FieldErrors(L, Fields);

    protected override void OnParametersSet()
    {
        if (_shown is null && Connection is null || _shown == Connection)
        {
            return;
        }

        _shown = Connection;
        _form = Connection is null ? new Form() : new Form
        {
            PhoneNumberId = Connection.PhoneNumberId, BusinessAccountId = Connection.BusinessAccountId, DisplayPhoneNumber = Connection.DisplayPhoneNumber,
            GraphApiVersion = Connection.GraphApiVersion, GraphBaseUrl = Connection.GraphBaseUrl,
        };
    }

    private async Task SaveAsync()
    {
        _errors.Clear();
        foreach (var missing in Connection is null ? _form.MissingSecrets() : [])
        {
            _errors.Add(missing, L["This is required to connect the number."]);
        }

        if (_errors.Any)
        {
            return;
        }

        try
        {
            var user = Member;
            if (Connection is null && ReconnectInboxId is { } inboxId)
            {
                await WhatsApp.ReconnectAsync(user, inboxId, _form.ToInput());
                _form = new Form();
            }
            else if (Connection is null)
            {
                await WhatsApp.ConnectAsync(user, _form.InboxName, _form.ToInput());
                _form = new Form();
            }
            else
            {
                await WhatsApp.UpdateAsync(user, Connection.InboxId, _form.ToInput());
                (_form.AccessToken, _form.AppSecret, _form.VerifyToken) = (null, null, null);
            }

            Snackbar.Add(L["Saved."], Severity.Success);
            await OnSaved.InvokeAsync();
        }
        catch (DomainException ex)
        {
            _errors.Add(ex);
        }
    }
}
