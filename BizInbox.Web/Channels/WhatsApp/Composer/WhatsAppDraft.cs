namespace BizInbox.Web.Channels.WhatsApp.Composer;

/// <summary>
/// What an agent has put together in the WhatsApp editors (buttons, list rows, an attachment, a template and its
/// values); on the web chat, only the attachment. It only assembles the draft: the channel's limits are checked where
/// every reply is checked, in the domain.
/// </summary>
public sealed class WhatsAppDraft
{
    public sealed class Row
    {
        public string Title { get; set; } = string.Empty;
        public string Description { get; set; } = string.Empty;
    }

    public List<string> Buttons { get; } = [string.Empty];

    public string ListButton { get; set; } = string.Empty;

    public List<Row> Rows { get; } = [new()];

    public UploadedAttachment? Attachment { get; set; }

    public TemplateOption? Template { get; private set; }

    public List<string> Values { get; private set; } = [];

    public void Pick(TemplateOption? template)
    {
        Template = template;
        Values = template?.Parameters.Select(_ => string.Empty).ToList() ?? [];
    }

    /// <summary>
    /// The reply of this kind with <paramref name="text"/> as its body or caption; empty button and row fields are left
    /// out. Null when a file or template has not been chosen yet.
    /// </summary>
    public OutgoingDraft? For(ReplyKind kind, string text) => kind switch
    {
        ReplyKind.Buttons => new ButtonsDraft(text, Buttons.Where(b => !string.IsNullOrWhiteSpace(b)).ToList()),
        ReplyKind.List => new ListDraft(text, ListButton, Rows
            .Where(r => !string.IsNullOrWhiteSpace(r.Title) || !string.IsNullOrWhiteSpace(r.Description))
            .Select(r => new ListRowDraft(r.Title, string.IsNullOrWhiteSpace(r.Description) ? null : r.Description))
            .ToList()),
        ReplyKind.Attachment => Attachment is { } file ? new AttachmentDraft(file.Id, string.IsNullOrWhiteSpace(text) ? null : text) : null,
        ReplyKind.Template => Template is { } template ? new TemplateDraft(template.Id, [.. Values]) : null,
        _ => new TextDraft(text),
    };

    /// <summary>Empties every editor after a send.</summary>
    public void Clear()
    {
        Buttons.Clear();
        Buttons.Add(string.Empty);
        ListButton = string.Empty;
        Rows.Clear();
        Rows.Add(new Row());
        Attachment = null;
        Pick(null);
    }
}
