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

internal sealed class WhatsAppConnectionConfiguration : IEntityTypeConfiguration<WhatsAppConnection>
{
    public void Configure(EntityTypeBuilder<WhatsAppConnection> builder)
    {
        builder.ToTable("WhatsAppConnections");
        builder.HasKey(w => w.InboxId);
        builder.Property(w => w.InboxId).ValueGeneratedNever();
        builder.HasOne<Inbox>().WithOne().HasForeignKey<WhatsAppConnection>(w => w.InboxId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(w => w.PhoneNumberId).HasMaxLength(32).IsRequired();
        builder.HasIndex(w => w.PhoneNumberId).IsUnique();
        builder.Property(w => w.BusinessAccountId).HasMaxLength(32).IsRequired();
        builder.Property(w => w.DisplayPhoneNumber).HasMaxLength(32).IsRequired();
        builder.Property(w => w.GraphApiVersion).HasMaxLength(16).IsRequired();
        builder.Property(w => w.GraphBaseUrl).HasMaxLength(200).IsRequired();
        builder.Property(w => w.ProtectedAccessToken).HasMaxLength(4000).IsRequired();
        builder.Property(w => w.ProtectedAppSecret).HasMaxLength(1000).IsRequired();
        builder.Property(w => w.ProtectedVerifyToken).HasMaxLength(1000).IsRequired();
        builder.Property(w => w.LastSendError).HasMaxLength(500);
    }
}

internal sealed class WhatsAppReportedErrorConfiguration : IEntityTypeConfiguration<WhatsAppReportedError>
{
    public void Configure(EntityTypeBuilder<WhatsAppReportedError> builder)
    {
        builder.ToTable("WhatsAppReportedErrors");
        builder.HasOne<Inbox>().WithMany().HasForeignKey(e => e.InboxId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Title).HasMaxLength(WhatsAppReportedError.MaxTitleLength).IsRequired();
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(e => new { e.InboxId, e.ReportedAt });
    }
}
