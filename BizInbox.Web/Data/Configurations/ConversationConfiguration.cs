using BizInbox.Domain.Channels;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Labels;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("Conversations");
        builder.HasOne<Inbox>().WithMany().HasForeignKey(c => c.InboxId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(c => c.LastMessagePreview).HasMaxLength(Conversation.PreviewLength).IsRequired();

        builder.HasMany(c => c.Labels).WithOne().HasForeignKey(l => l.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Labels).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.PendingFacts);
        builder.Property<long>(ConversationVersions.Property).IsConcurrencyToken();

        // The inbox list filters by status (and assignee or inbox) and sorts by newest or longest waiting.
        builder.HasIndex(c => new { c.Status, c.LastActivityAt });
        builder.HasIndex(c => new { c.AssigneeId, c.Status, c.LastActivityAt });
        builder.HasIndex(c => new { c.InboxId, c.Status, c.LastActivityAt });
        // Longest waiting: the waiting ones by their wait, then the rest newest first, each an index walk, with a
        // status or across statuses; and newest across statuses.
        builder.HasIndex(c => new { c.Status, c.WaitingSince, c.Id }).IsDescending(false, false, true);
        builder.HasIndex(c => new { c.WaitingSince, c.Id }).IsDescending(false, true);
        builder.HasIndex(c => new { c.LastActivityAt, c.Id });
        // At a million conversations (README, "Demo data and performance"): Mine and Unassigned across statuses, newest
        // first, and longest waiting with a status; the priority filter, whose matches are few. The id is in the key so that
        // PostgreSQL reads the order (newest, then id) off the index instead of sorting.
        builder.HasIndex(c => new { c.AssigneeId, c.LastActivityAt, c.Id });
        // Status before assignee: SQLite's planner rates "AssigneeId IS NULL" (Unassigned) below an equality, so with the
        // assignee first it preferred (Status, WaitingSince) and filtered every open conversation for the unassigned ones.
        builder.HasIndex(c => new { c.Status, c.AssigneeId, c.WaitingSince, c.Id }).IsDescending(false, false, false, true);
        // Mine and Unassigned across statuses by longest waiting (with a label, say): without it SQLite read and sorted all
        // of an agent's conversations.
        builder.HasIndex(c => new { c.AssigneeId, c.WaitingSince, c.Id }).IsDescending(false, false, true);
        builder.HasIndex(c => new { c.Priority, c.Status, c.LastActivityAt, c.Id });
        // The "came via an ad" filter: a page of ad conversations from the index, however few there are.
        builder.HasIndex(c => new { c.CameViaAd, c.Status, c.LastActivityAt, c.Id });
        // One conversation per customer per inbox: a later message reopens it (and two first messages sent at
        // once cannot start two).
        builder.HasIndex(c => new { c.ContactId, c.InboxId }).IsUnique();
        builder.HasIndex(c => new { c.Status, c.SnoozedUntil });
        // Covers the tab counts (all, mine, unassigned, unread) without touching the table rows.
        builder.HasIndex(c => new { c.Status, c.AssigneeId, c.LastCustomerMessageAt });
    }
}

internal sealed class ConversationLabelConfiguration : IEntityTypeConfiguration<ConversationLabel>
{
    public void Configure(EntityTypeBuilder<ConversationLabel> builder)
    {
        builder.ToTable("ConversationLabels");
        builder.HasKey(l => new { l.ConversationId, l.LabelId });
        builder.HasOne<Label>().WithMany().HasForeignKey(l => l.LabelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.LabelId);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("Messages");
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Text).HasMaxLength(Message.MaxTextLength).IsRequired();
        builder.Property(m => m.SenderUserId).HasMaxLength(450);
        builder.Property(m => m.SenderName).HasMaxLength(AppUser.MaxDisplayNameLength);
        builder.Property(m => m.ClientMessageId).HasMaxLength(Message.MaxClientMessageIdLength);
        builder.Property(m => m.ActivityTarget).HasMaxLength(100);
        builder.Property(m => m.ExternalId).HasMaxLength(Message.MaxClientMessageIdLength);
        builder.Property(m => m.ReplyToExternalId).HasMaxLength(Message.MaxClientMessageIdLength);
        builder.Property(m => m.DeliveryError).HasMaxLength(Message.MaxDeliveryErrorLength);
        builder.Property(m => m.CustomerReaction).HasMaxLength(Message.MaxReactionLength);
        builder.Ignore(m => m.IsVisibleToCustomer);
        // Its own table: few messages have one, and reports read it on its own.
        builder.OwnsOne(m => m.Referral, referral =>
        {
            referral.ToTable("MessageReferrals");
            referral.WithOwner().HasForeignKey("MessageId");
            referral.HasKey("MessageId");
            referral.Property(r => r.SourceType).HasMaxLength(20).IsRequired();
            referral.Property(r => r.SourceId).HasMaxLength(AdReferral.MaxIdLength);
            referral.Property(r => r.CtwaClid).HasMaxLength(AdReferral.MaxIdLength);
            referral.Property(r => r.MediaType).HasMaxLength(20);
            referral.Property(r => r.Headline).HasMaxLength(AdReferral.MaxTextLength);
            referral.Property(r => r.Body).HasMaxLength(AdReferral.MaxTextLength);
            referral.Property(r => r.SourceUrl).HasMaxLength(AdReferral.MaxUrlLength);
            referral.Property(r => r.ImageUrl).HasMaxLength(AdReferral.MaxUrlLength);
            referral.Property(r => r.VideoUrl).HasMaxLength(AdReferral.MaxUrlLength);
            referral.Property(r => r.ThumbnailUrl).HasMaxLength(AdReferral.MaxUrlLength);
        });

        builder.HasIndex(m => new { m.ConversationId, m.Id });
        // The thread's order and its paging cursor.
        builder.HasIndex(m => new { m.ConversationId, m.CreatedAt, m.Id });
        // A retried send carries the same key: the second insert fails and the first message is returned.
        builder.HasIndex(m => new { m.ConversationId, m.ClientMessageId }).IsUnique();
        // Statuses and reactions name a message by the channel's id.
        builder.HasIndex(m => m.ExternalId);
    }
}

internal sealed class ReadMarkerConfiguration : IEntityTypeConfiguration<ReadMarker>
{
    public void Configure(EntityTypeBuilder<ReadMarker> builder)
    {
        builder.ToTable("ReadMarkers");
        builder.HasKey(r => new { r.ConversationId, r.UserId });
        builder.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.HasIndex(r => r.UserId);
    }
}

internal sealed class MentionConfiguration : IEntityTypeConfiguration<Mention>
{
    public void Configure(EntityTypeBuilder<Mention> builder)
    {
        builder.ToTable("Mentions");
        builder.HasOne<Message>().WithMany().HasForeignKey(m => m.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.ByName).HasMaxLength(AppUser.MaxDisplayNameLength);
        builder.Property(m => m.Excerpt).HasMaxLength(120);
        builder.HasIndex(m => new { m.UserId, m.SeenAt, m.CreatedAt });
        builder.HasIndex(m => new { m.ConversationId, m.UserId });
    }
}

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> builder)
    {
        builder.ToTable("Drafts");
        builder.HasKey(d => new { d.UserId, d.ConversationId });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(d => d.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.Text).HasMaxLength(Draft.MaxTextLength).IsRequired();
        builder.Property(d => d.Mode).HasConversion<string>().HasMaxLength(8);
        builder.HasIndex(d => d.ConversationId);
    }
}

internal sealed class InboxCountConfiguration : IEntityTypeConfiguration<InboxCount>
{
    public void Configure(EntityTypeBuilder<InboxCount> builder)
    {
        builder.ToTable("InboxCounts");

        // Reads sum one kind over the statuses and inboxes of a filter, for nobody and for the viewer.
        builder.HasKey(c => new { c.Kind, c.UserId, c.Status, c.InboxId, c.AssigneeId });
        builder.Property(c => c.AssigneeId).HasMaxLength(450);
        builder.Property(c => c.UserId).HasMaxLength(450);
    }
}
