using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WhatsAppConnections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WhatsAppId",
                table: "Contacts",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WhatsAppConnections",
                columns: table => new
                {
                    InboxId = table.Column<int>(type: "INTEGER", nullable: false),
                    PhoneNumberId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BusinessAccountId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DisplayPhoneNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    GraphApiVersion = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    GraphBaseUrl = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProtectedAccessToken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ProtectedAppSecret = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ProtectedVerifyToken = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LastWebhookAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSendError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WhatsAppConnections", x => x.InboxId);
                    table.ForeignKey(
                        name: "FK_WhatsAppConnections_Inboxes_InboxId",
                        column: x => x.InboxId,
                        principalTable: "Inboxes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_WhatsAppId",
                table: "Contacts",
                column: "WhatsAppId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppConnections_PhoneNumberId",
                table: "WhatsAppConnections",
                column: "PhoneNumberId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WhatsAppConnections");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_WhatsAppId",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "WhatsAppId",
                table: "Contacts");
        }
    }
}
