using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContactSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Contacts get a GIN index of their own (a partial index on the contact rows), so that a word in many
            // messages costs the contact match nothing.
            migrationBuilder.Sql("CREATE INDEX \"IX_SearchDocuments_Contact_Text_Fts\" ON \"SearchDocuments\" USING GIN (to_tsvector('simple', \"Text\")) WHERE \"Kind\" = 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_SearchDocuments_Contact_Text_Fts\";");
        }
    }
}
