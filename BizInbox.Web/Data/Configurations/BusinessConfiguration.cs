using BizInbox.Domain.Businesses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class BusinessConfiguration : IEntityTypeConfiguration<Business>
{
    public void Configure(EntityTypeBuilder<Business> builder)
    {
        builder.ToTable("Businesses");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Name).HasMaxLength(Business.MaxNameLength).IsRequired();
        builder.Property(b => b.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Property(b => b.Country).HasMaxLength(2).IsRequired().HasDefaultValue("DE");
        builder.Property(b => b.DefaultLanguage).HasMaxLength(8).IsRequired().HasDefaultValue("de");
    }
}
