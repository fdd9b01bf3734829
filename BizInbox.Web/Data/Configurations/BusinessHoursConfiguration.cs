using BizInbox.Domain.Businesses;
using BizInbox.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class BusinessHoursConfiguration : IEntityTypeConfiguration<BusinessHours>
{
    public void Configure(EntityTypeBuilder<BusinessHours> builder)
    {
        builder.ToTable("BusinessHours");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.HasOne<Business>().WithOne().HasForeignKey<BusinessHours>(h => h.Id).OnDelete(DeleteBehavior.Cascade);
        builder.Property(h => h.HolidayState).HasConversion<string>().HasMaxLength(32);

        builder.OwnsMany(h => h.Intervals, interval =>
        {
            interval.ToTable("OpeningIntervals");
            interval.WithOwner().HasForeignKey("BusinessHoursId");
            interval.Property<int>("Id");
            interval.HasKey("Id");
        });
        builder.Navigation(h => h.Intervals).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(h => h.Closures, closure =>
        {
            closure.ToTable("Closures");
            closure.WithOwner().HasForeignKey("BusinessHoursId");
            closure.Property<int>("Id");
            closure.HasKey("Id");
            closure.Property(c => c.Reason).HasMaxLength(Closure.MaxReasonLength).IsRequired();
        });
        builder.Navigation(h => h.Closures).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
