using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class ChannelJobConfiguration : IEntityTypeConfiguration<ChannelJob>
{
    public void Configure(EntityTypeBuilder<ChannelJob> builder)
    {
        builder.ToTable("ChannelJobs");
        builder.HasOne(j => j.Message).WithMany().HasForeignKey(j => j.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Inbox>().WithMany().HasForeignKey(j => j.InboxId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(j => j.LastError).HasMaxLength(300);
        builder.Property(j => j.ClaimedBy).HasMaxLength(Lease.HolderMaxLength);
        // The worker's question: what is due, oldest first.
        builder.HasIndex(j => new { j.State, j.NextAttemptAt });
        // One job of a kind per message: a retry reuses it, a second "mark read" for the same message is not queued.
        builder.HasIndex(j => new { j.MessageId, j.Kind }).IsUnique();
        builder.HasIndex(j => new { j.ConversationId, j.State });
    }
}

internal sealed class MediaFileConfiguration : IEntityTypeConfiguration<MediaFile>
{
    public void Configure(EntityTypeBuilder<MediaFile> builder)
    {
        builder.ToTable("MediaFiles");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.HasOne<Conversation>().WithMany().HasForeignKey(f => f.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(f => f.MimeType).HasMaxLength(128).IsRequired();
        builder.Property(f => f.FileName).HasMaxLength(255);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(f => f.StorageKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(f => f.ConversationId);
    }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("MessageTemplates");
        builder.HasOne<Inbox>().WithMany().HasForeignKey(t => t.InboxId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.ExternalId).HasMaxLength(64);
        builder.Property(t => t.Name).HasMaxLength(512).IsRequired();
        builder.Property(t => t.Language).HasMaxLength(16).IsRequired();
        builder.Property(t => t.Category).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Status).HasMaxLength(32).IsRequired();
        builder.Property(t => t.Header).HasMaxLength(200);
        builder.Property(t => t.Body).HasMaxLength(1024).IsRequired();
        builder.Property(t => t.Footer).HasMaxLength(100);
        builder.Property(t => t.Buttons).HasMaxLength(1000);
        builder.Ignore(t => t.IsApproved);
        builder.Ignore(t => t.Parameters);
        builder.HasIndex(t => new { t.InboxId, t.Name, t.Language }).IsUnique();
    }
}
