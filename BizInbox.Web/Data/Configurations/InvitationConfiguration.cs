using BizInbox.Domain.Team;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("Invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Email).HasMaxLength(Invitation.MaxEmailLength).IsRequired();
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.InvitedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(i => i.AcceptedByUserId).HasMaxLength(450);
        builder.HasIndex(i => i.ExpiresAt);

        // Two people opening the same link at once: only one acceptance (or a revoke) can win.
        builder.Property(i => i.AcceptedAt).IsConcurrencyToken();
        builder.Property(i => i.RevokedAt).IsConcurrencyToken();
        builder.Property(i => i.TokenHash).IsConcurrencyToken();
    }
}
