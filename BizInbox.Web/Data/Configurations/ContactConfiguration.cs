using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("Contacts");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(Contact.MaxNameLength).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(EmailAddress.MaxLength);
        builder.Property(c => c.Phone).HasMaxLength(Contact.MaxPhoneLength);
        builder.HasIndex(c => c.Email);
        builder.HasIndex(c => c.Phone);
        builder.Property(c => c.WhatsAppId).HasMaxLength(Contact.MaxPhoneLength);
        // One contact per WhatsApp customer, even when Meta delivers their first message twice at once.
        builder.HasIndex(c => c.WhatsAppId).IsUnique();
    }
}
