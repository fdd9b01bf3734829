namespace BizInbox.Web.Features.Audit;

/// <summary><c>Audit:RetentionDays</c>: how long the audit log keeps an entry (at least a day).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    public int RetentionDays { get; set; } = 365;

    public TimeSpan Retention => TimeSpan.FromDays(Math.Max(1, RetentionDays));
}
