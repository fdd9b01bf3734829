using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WaitingIndexStatusFirst : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_AssigneeId_Status_WaitingSince_Id",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Status_AssigneeId_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "Status", "AssigneeId", "WaitingSince", "Id" },
                descending: new[] { false, false, false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_Status_AssigneeId_WaitingSince_Id",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_AssigneeId_Status_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "AssigneeId", "Status", "WaitingSince", "Id" },
                descending: new[] { false, false, false, true });
        }
    }
}
