using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BizInbox.Web.Data.Configurations;

/// <summary>The three team roles are part of the schema: they are seeded by the migrations.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder) => builder.HasData(
        Role("role-owner", Roles.Owner),
        Role("role-manager", Roles.Manager),
        Role("role-agent", Roles.Agent));

    private static IdentityRole Role(string id, string name) => new()
    {
        Id = id,
        Name = name,
        NormalizedName = name.ToUpperInvariant(),
        ConcurrencyStamp = id,
    };
}
