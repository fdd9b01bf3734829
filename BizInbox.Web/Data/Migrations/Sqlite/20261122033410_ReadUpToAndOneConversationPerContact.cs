using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReadUpToAndOneConversationPerContact : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_ContactId_InboxId",
                table: "Conversations");

            migrationBuilder.RenameColumn(
                name: "ReadAt",
                table: "ReadMarkers",
                newName: "ReadUpTo");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ContactId_InboxId",
                table: "Conversations",
                columns: new[] { "ContactId", "InboxId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_ContactId_InboxId",
                table: "Conversations");

            migrationBuilder.RenameColumn(
                name: "ReadUpTo",
                table: "ReadMarkers",
                newName: "ReadAt");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ContactId_InboxId",
                table: "Conversations",
                columns: new[] { "ContactId", "InboxId" });
        }
    }
}
