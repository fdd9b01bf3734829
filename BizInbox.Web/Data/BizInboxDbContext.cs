using BizInbox.Domain.Businesses;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Labels;
using BizInbox.Domain.Scheduling;
using BizInbox.Domain.Team;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data.Keeping;

namespace BizInbox.Web.Data;

/// <summary>
/// The one model of BizInbox. Each database provider has a subclass (see <see cref="SqliteBizInboxDbContext"/>
/// and siblings) only so that each gets its own migrations; the model itself is shared.
/// </summary>
public abstract class BizInboxDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Business> Businesses => Set<Business>();

    /// <summary>The installation's one business (empty before setup).</summary>
    public IQueryable<Business> TheBusiness => Businesses.AsNoTracking().Where(b => b.Id == Business.SingletonId);

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<Inbox> Inboxes => Set<Inbox>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<ContactNote> ContactNotes => Set<ContactNote>();

    public DbSet<ContactLabel> ContactLabels => Set<ContactLabel>();

    public DbSet<ContactActivity> ContactActivities => Set<ContactActivity>();

    public DbSet<AttributeDefinition> ContactAttributes => Set<AttributeDefinition>();

    public DbSet<ContactAttributeValue> ContactAttributeValues => Set<ContactAttributeValue>();

    public DbSet<Segment> Segments => Set<Segment>();

    public DbSet<ContactMerge> ContactMerges => Set<ContactMerge>();

    public DbSet<DuplicateDismissal> DuplicateDismissals => Set<DuplicateDismissal>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationLabel> ConversationLabels => Set<ConversationLabel>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<Label> Labels => Set<Label>();

    public DbSet<Domain.CannedReplies.CannedReply> CannedReplies => Set<Domain.CannedReplies.CannedReply>();

    public DbSet<BusinessHours> BusinessHours => Set<BusinessHours>();

    public DbSet<AutomaticMessages> AutomaticMessages => Set<AutomaticMessages>();

    public DbSet<ReadMarker> ReadMarkers => Set<ReadMarker>();

    public DbSet<Mention> Mentions => Set<Mention>();

    public DbSet<Draft> Drafts => Set<Draft>();

    public DbSet<WhatsAppConnection> WhatsAppConnections => Set<WhatsAppConnection>();

    public DbSet<WhatsAppReportedError> WhatsAppReportedErrors => Set<WhatsAppReportedError>();

    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();

    public DbSet<ChannelJob> ChannelJobs => Set<ChannelJob>();

    public DbSet<MediaFile> MediaFiles => Set<MediaFile>();

    public DbSet<Lease> Leases => Set<Lease>();

    public DbSet<SearchDocument> SearchDocuments => Set<SearchDocument>();

    public DbSet<Domain.Reporting.ReportFact> ReportFacts => Set<Domain.Reporting.ReportFact>();

    public DbSet<Domain.Reporting.ReportCount> ReportCounts => Set<Domain.Reporting.ReportCount>();

    public DbSet<Domain.Reporting.ReportDurationDay> ReportDurationDays => Set<Domain.Reporting.ReportDurationDay>();

    public DbSet<Domain.Conversations.InboxCount> InboxCounts => Set<Domain.Conversations.InboxCount>();

    public DbSet<Domain.Reporting.ReportSettings> ReportSettings => Set<Domain.Reporting.ReportSettings>();
    public DbSet<Domain.Profiles.BusinessProfile> BusinessProfiles => Set<Domain.Profiles.BusinessProfile>();

    public DbSet<Domain.Profiles.ProfileChange> ProfileChanges => Set<Domain.Profiles.ProfileChange>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<Domain.Audit.AuditEntry> AuditEntries => Set<Domain.Audit.AuditEntry>();

    private readonly List<Domain.DomainEvent> _recorded = [];
    private readonly List<Domain.DomainEvent> _awaitingCommit = [];

    /// <summary>
    /// Records what a set-based statement (ExecuteUpdate, a batch) did, which no tracked aggregate can record: it is
    /// published with the aggregates' events after the next successful SaveChanges, or the transaction's commit.
    /// </summary>
    public void Record(Domain.DomainEvent domainEvent) => _recorded.Add(domainEvent);

    /// <summary>Events recorded by <see cref="Record"/> and not yet saved.</summary>
    internal List<Domain.DomainEvent> RecordedEvents => _recorded;

    /// <summary>Events of saved changes whose transaction has not committed yet.</summary>
    internal List<Domain.DomainEvent> AwaitingCommit => _awaitingCommit;

    /// <summary>ASP.NET Core's data-protection keys, where every server reads them (DataProtection:KeyStore=Database).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(SearchIndexer.Instance, ReportFactRecorder.Instance, ReportCountRollup.Instance, ReportDurationRollup.Instance, InboxCountKeeper.Instance, AuditEntryGuard.Instance,
            ConversationVersions.Instance, SaveTransaction.Instance);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // What an aggregate recorded lives until it is published, never in a table.
        builder.Ignore<Domain.DomainEvent>();
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BizInboxDbContext).Assembly);
    }
}

public sealed class SqliteBizInboxDbContext(DbContextOptions<SqliteBizInboxDbContext> options) : BizInboxDbContext(options)
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        base.OnConfiguring(optionsBuilder);
        optionsBuilder.AddInterceptors(SqliteBusyWait.Instance);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type: store instants as sortable integers so that ordering and range filters
        // are translated to SQL instead of failing or running on the client.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

public sealed class PostgresBizInboxDbContext(DbContextOptions<PostgresBizInboxDbContext> options) : BizInboxDbContext(options);

public sealed class SqlServerBizInboxDbContext(DbContextOptions<SqlServerBizInboxDbContext> options) : BizInboxDbContext(options);
