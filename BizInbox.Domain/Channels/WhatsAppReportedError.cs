namespace BizInbox.Domain.Channels;

/// <summary>Where Meta reported an error: for the whole webhook (<c>value.errors</c>) or for one message's status.</summary>
public enum WhatsAppErrorSource
{
    Webhook,
    Status,
}

/// <summary>
/// An error Meta reported for a connected number, kept for the channel's health on the settings page. Only the code,
/// Meta's title and when: never the details, the recipient or the body, which can name a customer.
/// </summary>
public sealed class WhatsAppReportedError
{
    public const int MaxTitleLength = 200;

    private WhatsAppReportedError()
    {
        Title = string.Empty;
    }

    public long Id { get; private set; }

    public int InboxId { get; private set; }

    public int Code { get; private set; }

    public string Title { get; private set; }

    public WhatsAppErrorSource Source { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    public static WhatsAppReportedError Reported(int inboxId, int code, string? title, WhatsAppErrorSource source, DateTimeOffset at) => new()
    {
        InboxId = inboxId,
        Code = code,
        Title = Cut((title ?? string.Empty).Trim()),
        Source = source,
        ReportedAt = at,
    };

    private static string Cut(string title) => title.Length <= MaxTitleLength ? title : title[..MaxTitleLength];
}
