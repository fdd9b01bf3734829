using BizInbox.Domain.Contacts;
using BizInbox.Domain.Labels;
using BizInbox.Domain.Team;
using BizInbox.Web.Identity;
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

        builder.Property(c => c.SearchName).HasMaxLength(Contact.MaxNameLength).IsRequired();
        builder.Property(c => c.Company).HasMaxLength(Contact.MaxCompanyLength);
        builder.Property(c => c.Language).HasMaxLength(Contact.MaxLanguageLength);
        // The contact list pages 100,000 contacts by name, creation or last activity (then Id). Each order's index also
        // carries what the search reads, so that a search walks the index in order and reads only the rows it shows.
        builder.HasIndex(c => new { c.SearchName, c.Id, c.Email, c.Phone });
        builder.HasIndex(c => new { c.CreatedAt, c.Id, c.SearchName, c.Email, c.Phone });
        builder.HasIndex(c => new { c.LastSeenAt, c.Id, c.SearchName, c.Email, c.Phone });

        builder.HasMany(c => c.Labels).WithOne().HasForeignKey(l => l.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Labels).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(c => c.ConsentSource).HasConversion<string>().HasMaxLength(16);
        // The list's "blocked" and "spam" filters: few contacts are either, so these indexes stay small and selective.
        builder.HasIndex(c => new { c.IsBlocked, c.IsSpam });
    }
}

internal sealed class ContactLabelConfiguration : IEntityTypeConfiguration<ContactLabel>
{
    public void Configure(EntityTypeBuilder<ContactLabel> builder)
    {
        builder.ToTable("ContactLabels");
        builder.HasKey(l => new { l.ContactId, l.LabelId });
        builder.HasOne<Label>().WithMany().HasForeignKey(l => l.LabelId).OnDelete(DeleteBehavior.Cascade);
        // The list's label filter starts from the label: (LabelId, ContactId) finds its contacts without the table rows.
        builder.HasIndex(l => new { l.LabelId, l.ContactId });
    }
}

internal sealed class ContactActivityConfiguration : IEntityTypeConfiguration<ContactActivity>
{
    public void Configure(EntityTypeBuilder<ContactActivity> builder)
    {
        builder.ToTable("ContactActivities");
        builder.HasOne<Contact>().WithMany().HasForeignKey(a => a.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.ActorId).HasMaxLength(450);
        builder.Property(a => a.ActorName).HasMaxLength(AppUser.MaxDisplayNameLength);
        builder.Property(a => a.Target).HasMaxLength(ContactActivity.MaxTargetLength);
        builder.HasIndex(a => new { a.ContactId, a.Id });
    }
}

internal sealed class ContactNoteConfiguration : IEntityTypeConfiguration<ContactNote>
{
    public void Configure(EntityTypeBuilder<ContactNote> builder)
    {
        builder.ToTable("ContactNotes");
        builder.HasOne<Contact>().WithMany().HasForeignKey(n => n.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.AuthorId).HasMaxLength(450).IsRequired();
        builder.Property(n => n.Text).HasMaxLength(ContactNote.MaxTextLength).IsRequired();
        builder.HasIndex(n => new { n.ContactId, n.CreatedAt });
        builder.HasIndex(n => n.AuthorId);
    }
}
