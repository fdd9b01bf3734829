using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class WaitingIndexAcrossStatuses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Conversations_AssigneeId_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "AssigneeId", "WaitingSince", "Id" },
                descending: new[] { false, false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_AssigneeId_WaitingSince_Id",
                table: "Conversations");
        }
    }
}
