using BizInbox.Domain.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class InboxConfiguration : IEntityTypeConfiguration<Inbox>
{
    public void Configure(EntityTypeBuilder<Inbox> builder)
    {
        builder.ToTable("Inboxes");
        builder.Property(i => i.Name).HasMaxLength(Inbox.MaxNameLength).IsRequired();
        builder.Property(i => i.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.PublicKey).HasMaxLength(32).IsRequired();
        builder.HasIndex(i => i.PublicKey).IsUnique();
        builder.Property(i => i.Greeting).HasMaxLength(Inbox.MaxGreetingLength);
    }
}
