namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>The "WhatsApp:Ingest" configuration section.</summary>
public sealed class WhatsAppIngestOptions
{
    public const string Section = "WhatsApp:Ingest";

    /// <summary>
    /// Batch writers storing webhooks side by side on a database server, each for its own share of the customers (SQLite
    /// has one writer anyway and always gets one). One by default: on two cores a second one served more only beyond
    /// 1,000 messages a second, with longer acknowledgements below (README, "Demo data and performance").
    /// </summary>
    public int Writers { get; set; } = 1;
}
