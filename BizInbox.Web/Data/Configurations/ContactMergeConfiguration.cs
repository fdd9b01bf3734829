using BizInbox.Domain.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class ContactMergeConfiguration : IEntityTypeConfiguration<ContactMerge>
{
    public void Configure(EntityTypeBuilder<ContactMerge> builder)
    {
        builder.ToTable("ContactMerges");
        // No foreign keys: the loser's row is gone while the merge stands, and a survivor deleted later takes its merges along by hand.
        builder.Property(m => m.LoserName).HasMaxLength(Contact.MaxNameLength).IsRequired();
        builder.Property(m => m.Record).IsRequired();
        builder.HasIndex(m => m.SurvivorId);
        builder.HasIndex(m => m.MergedAt);
    }
}

internal sealed class DuplicateDismissalConfiguration : IEntityTypeConfiguration<DuplicateDismissal>
{
    public void Configure(EntityTypeBuilder<DuplicateDismissal> builder)
    {
        builder.ToTable("DuplicateDismissals");
        builder.HasKey(d => new { d.FirstId, d.SecondId });
        // No foreign keys: a dismissal outlives a merge, so that undoing it brings the pair's dismissal back too (and SQL
        // Server refuses two cascading paths from one table anyway).
        builder.HasIndex(d => d.SecondId);
    }
}
