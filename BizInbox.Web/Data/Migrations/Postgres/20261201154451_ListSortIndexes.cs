using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ListSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_Status_WaitingSince",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_LastActivityAt_Id",
                table: "Conversations",
                columns: new[] { "LastActivityAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Status_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "Status", "WaitingSince", "Id" },
                descending: new[] { false, false, true });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "WaitingSince", "Id" },
                descending: new[] { false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_LastActivityAt_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Status_WaitingSince_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_WaitingSince_Id",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Status_WaitingSince",
                table: "Conversations",
                columns: new[] { "Status", "WaitingSince" });
        }
    }
}
