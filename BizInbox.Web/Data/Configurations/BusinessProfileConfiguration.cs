using BizInbox.Domain.Businesses;
using BizInbox.Domain.Profiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class BusinessProfileConfiguration : IEntityTypeConfiguration<BusinessProfile>
{
    public void Configure(EntityTypeBuilder<BusinessProfile> builder)
    {
        builder.ToTable("BusinessProfiles");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Business>().WithOne().HasForeignKey<BusinessProfile>(p => p.Id).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Slug).HasMaxLength(ProfileRules.MaxSlug).IsRequired();
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.About).HasMaxLength(ProfileRules.MaxAbout).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(ProfileRules.MaxDescription).IsRequired();
        builder.Property(p => p.Vertical).HasMaxLength(32).IsRequired();
        builder.Property(p => p.Address).HasMaxLength(ProfileRules.MaxAddress).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(ProfileRules.MaxEmail).IsRequired();
        builder.Property(p => p.Website1).HasMaxLength(ProfileRules.MaxWebsite).IsRequired();
        builder.Property(p => p.Website2).HasMaxLength(ProfileRules.MaxWebsite).IsRequired();
        builder.Property(p => p.PictureContentType).HasMaxLength(32);
        builder.Property(p => p.RequestedName).HasMaxLength(DisplayNameReview.MaxNameLength);
        builder.Property(p => p.NameStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.NameDeclineReason).HasMaxLength(500);
        builder.Ignore(p => p.Websites);
        builder.Ignore(p => p.LastReport);
        builder.Property(p => p.ReportedVerifiedName).HasMaxLength(DisplayNameReview.MaxNameLength);
        builder.Property(p => p.ReportedNameStatus).HasMaxLength(32);
        builder.Property(p => p.ReportedNewName).HasMaxLength(DisplayNameReview.MaxNameLength);
        builder.Property(p => p.ReportedNewNameStatus).HasMaxLength(32);
        builder.Property(p => p.ReportedQualityRating).HasMaxLength(16);
        builder.Property(p => p.ReportedMessagingLimitTier).HasMaxLength(32);
    }
}

internal sealed class ProfileChangeConfiguration : IEntityTypeConfiguration<ProfileChange>
{
    public void Configure(EntityTypeBuilder<ProfileChange> builder)
    {
        builder.ToTable("ProfileChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ActorId).HasMaxLength(450);
        builder.Property(c => c.ActorName).HasMaxLength(120).IsRequired();
        builder.Property(c => c.Field).HasMaxLength(32).IsRequired();
        builder.Property(c => c.Before).HasMaxLength(ProfileChange.MaxValueLength).IsRequired();
        builder.Property(c => c.After).HasMaxLength(ProfileChange.MaxValueLength).IsRequired();
        builder.HasIndex(c => c.At);
    }
}
