using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WhatsAppConnections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "ClientMessageId",
                table: "Messages",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WhatsAppId",
                table: "Contacts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WhatsAppConnections",
                columns: table => new
                {
                    InboxId = table.Column<int>(type: "integer", nullable: false),
                    PhoneNumberId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BusinessAccountId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DisplayPhoneNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    GraphApiVersion = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GraphBaseUrl = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProtectedAccessToken = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ProtectedAppSecret = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ProtectedVerifyToken = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    LastWebhookAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastSendError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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

            migrationBuilder.AlterColumn<string>(
                name: "ClientMessageId",
                table: "Messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128,
                oldNullable: true);
        }
    }
}
