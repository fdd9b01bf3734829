namespace BizInbox.Web.Features.Contacts;

/// <summary>
/// Forgets merges past their 30-day undo period, at start-up and then every hour, on one server of the installation
/// (the lists also sweep when read).
/// </summary>
public sealed class ContactMergePurge(ContactMergeService merges, Servers.Leases leases, TimeProvider clock, ILogger<ContactMergePurge> log)
    : Servers.InstallationSingleton(leases, clock, log)
{
    protected override string LeaseName => "contact-merge-purge";

    protected override TimeSpan Interval { get; } = TimeSpan.FromHours(1);

    protected override Task RunRoundAsync(CancellationToken ct) => merges.PurgeExpiredAsync(ct);
}
