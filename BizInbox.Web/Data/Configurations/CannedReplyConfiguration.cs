using BizInbox.Domain.CannedReplies;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class CannedReplyConfiguration : IEntityTypeConfiguration<CannedReply>
{
    public void Configure(EntityTypeBuilder<CannedReply> builder)
    {
        builder.ToTable("CannedReplies");
        builder.Property(r => r.Shortcut).HasMaxLength(CannedReply.MaxShortcutLength).IsRequired();
        builder.Property(r => r.Text).HasMaxLength(CannedReply.MaxTextLength).IsRequired();
        builder.PrimitiveCollection(r => r.Buttons).IsRequired();
        builder.Property(r => r.OwnerUserId).HasMaxLength(450);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.IsShared);
        // The file stays while a reply refers to it (the unsent-attachment cleanup asks); the service removes it with the reply.
        builder.HasOne<MediaFile>().WithMany().HasForeignKey(r => r.AttachmentId).OnDelete(DeleteBehavior.Restrict);

        // Personal shortcuts are unique per owner here; a shared shortcut clashes with every reply, which an index
        // on nullable owners cannot say the same way on all three databases, so the service checks it (CannedReply.ClashesWith).
        builder.HasIndex(r => new { r.OwnerUserId, r.Shortcut }).IsUnique();
        builder.HasIndex(r => r.Shortcut);
    }
}
