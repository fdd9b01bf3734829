using BizInbox.Domain.Labels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class LabelConfiguration : IEntityTypeConfiguration<Label>
{
    public void Configure(EntityTypeBuilder<Label> builder)
    {
        builder.ToTable("Labels");
        builder.Property(l => l.Name).HasMaxLength(Label.MaxNameLength).IsRequired();
        builder.HasIndex(l => l.Name).IsUnique();
        builder.Property(l => l.Color).HasMaxLength(7).IsRequired();
    }
}
