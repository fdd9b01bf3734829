using BizInbox.Domain.Businesses;
using BizInbox.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class AutomaticMessagesConfiguration : IEntityTypeConfiguration<AutomaticMessages>
{
    public void Configure(EntityTypeBuilder<AutomaticMessages> builder)
    {
        builder.ToTable("AutomaticMessages");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<Business>().WithOne().HasForeignKey<AutomaticMessages>(s => s.Id).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.GreetingText).HasMaxLength(AutomaticMessages.MaxTextLength).IsRequired();
        builder.Property(s => s.AwayText).HasMaxLength(AutomaticMessages.MaxTextLength).IsRequired();
        builder.Property(s => s.Language).HasMaxLength(8).IsRequired();
    }
}
