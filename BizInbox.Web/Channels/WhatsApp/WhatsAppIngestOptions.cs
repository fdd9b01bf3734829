namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>The "WhatsApp:Ingest" configuration section.</summary>
public sealed class WhatsAppIngestOptions
{
    public const string Section = "WhatsApp:Ingest";

    /// <summary>
    /// Batch writers storing webhooks side by side, each for its own share of the customers; unset means one on SQLite
    /// (which has one writer anyway) and <see cref="ServerWriters"/> on PostgreSQL and SQL Server.
    /// </summary>
    public int? Writers { get; set; }

    public const int ServerWriters = 2;
}
