using BizInbox.Web.Features.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using BizInbox.Web.Data.Keeping;

namespace BizInbox.Web.Data.Configurations;

internal sealed class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    public void Configure(EntityTypeBuilder<SearchDocument> builder)
    {
        builder.ToTable("SearchDocuments");
        builder.HasOne(d => d.Message).WithMany().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Contact).WithMany().HasForeignKey(d => d.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Text).IsRequired();
        builder.HasIndex(d => d.MessageId).IsUnique();
        builder.HasIndex(d => d.ContactId).IsUnique();
        builder.HasIndex(d => new { d.ConversationId, d.CreatedAt });
        builder.HasIndex(d => new { d.Kind, d.CreatedAt });
    }
}
