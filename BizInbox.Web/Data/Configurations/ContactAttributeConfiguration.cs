using BizInbox.Domain.Contacts;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class ContactAttributeConfiguration : IEntityTypeConfiguration<AttributeDefinition>
{
    public void Configure(EntityTypeBuilder<AttributeDefinition> builder)
    {
        builder.ToTable("ContactAttributes");
        builder.Property(a => a.Key).HasMaxLength(AttributeDefinition.MaxKeyLength).IsRequired();
        builder.HasIndex(a => a.Key).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(AttributeDefinition.MaxNameLength).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(AttributeDefinition.MaxDescriptionLength);
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(16);
        builder.PrimitiveCollection(a => a.Options).IsRequired();
    }
}

internal sealed class ContactAttributeValueConfiguration : IEntityTypeConfiguration<ContactAttributeValue>
{
    public void Configure(EntityTypeBuilder<ContactAttributeValue> builder)
    {
        builder.ToTable("ContactAttributeValues");
        builder.HasKey(v => new { v.ContactId, v.AttributeId });
        builder.HasOne<Contact>().WithMany().HasForeignKey(v => v.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AttributeDefinition>().WithMany().HasForeignKey(v => v.AttributeId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.Text).HasMaxLength(AttributeValue.MaxTextLength).IsRequired();
        builder.Property(v => v.Folded).HasMaxLength(AttributeValue.MaxTextLength).IsRequired();
        // A filter on one attribute walks its values in the typed column: equality, ranges and order on every database.
        // The contact ends each index so that sorting by an attribute (ties by contact) reads a page straight off it.
        builder.HasIndex(v => new { v.AttributeId, v.Folded, v.ContactId });
        builder.HasIndex(v => new { v.AttributeId, v.Number, v.ContactId });
        builder.HasIndex(v => new { v.AttributeId, v.Date, v.ContactId });
    }
}

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.ToTable("Segments");
        builder.Property(s => s.Name).HasMaxLength(Segment.MaxNameLength).IsRequired();
        builder.Property(s => s.Filter).HasMaxLength(Segment.MaxFilterLength).IsRequired();
        builder.Property(s => s.OwnerUserId).HasMaxLength(450);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(s => s.IsShared);
        builder.HasIndex(s => s.OwnerUserId);
    }
}
