using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ListIndexesAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Conversations_AssigneeId_LastActivityAt_Id",
                table: "Conversations",
                columns: new[] { "AssigneeId", "LastActivityAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_AssigneeId_Status_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "AssigneeId", "Status", "WaitingSince", "Id" },
                descending: new[] { false, false, false, true });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Priority_Status_LastActivityAt_Id",
                table: "Conversations",
                columns: new[] { "Priority", "Status", "LastActivityAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_AssigneeId_LastActivityAt_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_AssigneeId_Status_WaitingSince_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Priority_Status_LastActivityAt_Id",
                table: "Conversations");
        }
    }
}
