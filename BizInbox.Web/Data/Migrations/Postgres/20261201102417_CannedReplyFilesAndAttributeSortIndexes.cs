using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CannedReplyFilesAndAttributeSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContactAttributeValues_AttributeId_Date",
                table: "ContactAttributeValues");

            migrationBuilder.DropIndex(
                name: "IX_ContactAttributeValues_AttributeId_Folded",
                table: "ContactAttributeValues");

            migrationBuilder.DropIndex(
                name: "IX_ContactAttributeValues_AttributeId_Number",
                table: "ContactAttributeValues");

            migrationBuilder.AlterColumn<long>(
                name: "ConversationId",
                table: "MediaFiles",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<Guid>(
                name: "AttachmentId",
                table: "CannedReplies",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactAttributeValues_AttributeId_Date_ContactId",
                table: "ContactAttributeValues",
                columns: new[] { "AttributeId", "Date", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactAttributeValues_AttributeId_Folded_ContactId",
                table: "ContactAttributeValues",
                columns: new[] { "AttributeId", "Folded", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactAttributeValues_AttributeId_Number_ContactId",
                table: "ContactAttributeValues",
                columns: new[] { "AttributeId", "Number", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_CannedReplies_AttachmentId",
                table: "CannedReplies",
                column: "AttachmentId");

            migrationBuilder.AddForeignKey(
                name: "FK_CannedReplies_MediaFiles_AttachmentId",
                table: "CannedReplies",
                column: "AttachmentId",
                principalTable: "MediaFiles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CannedReplies_MediaFiles_AttachmentId",
                table: "CannedReplies");

            migrationBuilder.DropIndex(
                name: "IX_ContactAttributeValues_AttributeId_Date_ContactId",
                table: "ContactAttributeValues");

            migrationBuilder.DropIndex(
                name: "IX_ContactAttributeValues_AttributeId_Folded_ContactId",
                table: "ContactAttributeValues");

            migrationBuilder.DropIndex(
                name: "IX_ContactAttributeValues_AttributeId_Number_ContactId",
                table: "ContactAttributeValues");

            migrationBuilder.DropIndex(
                name: "IX_CannedReplies_AttachmentId",
                table: "CannedReplies");

            migrationBuilder.DropColumn(
                name: "AttachmentId",
                table: "CannedReplies");

            migrationBuilder.AlterColumn<long>(
                name: "ConversationId",
                table: "MediaFiles",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactAttributeValues_AttributeId_Date",
                table: "ContactAttributeValues",
                columns: new[] { "AttributeId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactAttributeValues_AttributeId_Folded",
                table: "ContactAttributeValues",
                columns: new[] { "AttributeId", "Folded" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactAttributeValues_AttributeId_Number",
                table: "ContactAttributeValues",
                columns: new[] { "AttributeId", "Number" });
        }
    }
}
