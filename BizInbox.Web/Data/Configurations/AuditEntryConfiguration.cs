using BizInbox.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        // No foreign key to the user: an entry outlives the member it names.
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(AuditEntry.MaxNameLength).IsRequired();
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Target).HasMaxLength(AuditEntry.MaxTargetLength);
        builder.Property(e => e.Details).HasMaxLength(AuditEntry.MaxDetailsLength);
        builder.Property(e => e.IpAddress).HasMaxLength(AuditEntry.MaxAddressLength);
        builder.Property(e => e.UserAgent).HasMaxLength(AuditEntry.MaxAgentLength);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.ActorId, e.At });
    }
}
