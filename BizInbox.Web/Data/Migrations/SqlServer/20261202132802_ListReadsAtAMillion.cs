using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ListReadsAtAMillion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_AssigneeId_Status_WaitingSince_Id",
                table: "Conversations");

            migrationBuilder.AddColumn<bool>(
                name: "CameViaAd",
                table: "Conversations",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // The conversations that came via an ad so far: those with a message carrying an ad's referral.
            migrationBuilder.Sql("""
                UPDATE [Conversations] SET [CameViaAd] = CAST(1 AS bit) WHERE [Id] IN (SELECT m.[ConversationId] FROM [Messages] m JOIN [MessageReferrals] r ON r.[MessageId] = m.[Id]);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_AssigneeId_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "AssigneeId", "WaitingSince", "Id" },
                descending: new[] { false, false, true });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_CameViaAd_Status_LastActivityAt_Id",
                table: "Conversations",
                columns: new[] { "CameViaAd", "Status", "LastActivityAt", "Id" });

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
                name: "IX_Conversations_AssigneeId_WaitingSince_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_CameViaAd_Status_LastActivityAt_Id",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Status_AssigneeId_WaitingSince_Id",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "CameViaAd",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_AssigneeId_Status_WaitingSince_Id",
                table: "Conversations",
                columns: new[] { "AssigneeId", "Status", "WaitingSince", "Id" },
                descending: new[] { false, false, false, true });
        }
    }
}
