using BizInbox.Domain.Conversations;
using BizInbox.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class ReportFactConfiguration : IEntityTypeConfiguration<ReportFact>
{
    public void Configure(EntityTypeBuilder<ReportFact> builder)
    {
        builder.ToTable("ReportFacts");
        builder.HasOne(f => f.Conversation).WithMany().HasForeignKey(f => f.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(f => f.AgentId).HasMaxLength(450);
        builder.Ignore(f => f.At);

        // A report reads one kind over a time range and needs nothing else of the row: every column it reads is in the
        // index, so a year of facts is read from the index alone. Slot and agent lead, so that the counts per quarter
        // hour and agent come out of the index in group order, without sorting a year of rows.
        builder.HasIndex(f => new { f.Kind, f.Slot, f.AgentId, f.InboxId, f.AtTicks, f.ConversationId, f.Seconds, f.BusinessSeconds })
            .HasDatabaseName("IX_ReportFacts_Kind_Slot");
    }
}

internal sealed class ReportCountConfiguration : IEntityTypeConfiguration<ReportCount>
{
    public void Configure(EntityTypeBuilder<ReportCount> builder)
    {
        builder.ToTable("ReportCounts");

        // The key is also the order reports read in: one kind over a range of quarter hours.
        builder.HasKey(c => new { c.Kind, c.Slot, c.InboxId, c.AgentId });
        builder.Property(c => c.AgentId).HasMaxLength(450);
    }
}

internal sealed class ReportDurationDayConfiguration : IEntityTypeConfiguration<ReportDurationDay>
{
    public void Configure(EntityTypeBuilder<ReportDurationDay> builder)
    {
        builder.ToTable("ReportDurationDays");

        // The key is also the order reports read in: one metric over a range of days.
        builder.HasKey(d => new { d.Kind, d.FromSlot, d.ToSlot, d.InboxId, d.AgentId });
        builder.Property(d => d.AgentId).HasMaxLength(450);
    }
}

internal sealed class ReportSettingsConfiguration : IEntityTypeConfiguration<ReportSettings>
{
    public void Configure(EntityTypeBuilder<ReportSettings> builder)
    {
        builder.ToTable("ReportSettings");
        builder.Property(s => s.Id).ValueGeneratedNever();

        // As ticks: SQL Server's time type ends at 24 hours.
        builder.Property(s => s.FirstResponseTarget).HasConversion<long>();
        builder.Property(s => s.ReplyTarget).HasConversion<long>();
        builder.Property(s => s.ResolutionTarget).HasConversion<long>();
    }
}
