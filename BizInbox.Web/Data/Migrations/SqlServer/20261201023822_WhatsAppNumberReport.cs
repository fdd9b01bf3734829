using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class WhatsAppNumberReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReportedAt",
                table: "BusinessProfiles",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedMessagingLimitTier",
                table: "BusinessProfiles",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedNameStatus",
                table: "BusinessProfiles",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedNewName",
                table: "BusinessProfiles",
                type: "nvarchar(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedNewNameStatus",
                table: "BusinessProfiles",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ReportedOfficialBusinessAccount",
                table: "BusinessProfiles",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ReportedQualityRating",
                table: "BusinessProfiles",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedVerifiedName",
                table: "BusinessProfiles",
                type: "nvarchar(120)",
                maxLength: 120,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReportedAt",
                table: "BusinessProfiles");

            migrationBuilder.DropColumn(
                name: "ReportedMessagingLimitTier",
                table: "BusinessProfiles");

            migrationBuilder.DropColumn(
                name: "ReportedNameStatus",
                table: "BusinessProfiles");

            migrationBuilder.DropColumn(
                name: "ReportedNewName",
                table: "BusinessProfiles");

            migrationBuilder.DropColumn(
                name: "ReportedNewNameStatus",
                table: "BusinessProfiles");

            migrationBuilder.DropColumn(
                name: "ReportedOfficialBusinessAccount",
                table: "BusinessProfiles");

            migrationBuilder.DropColumn(
                name: "ReportedQualityRating",
                table: "BusinessProfiles");

            migrationBuilder.DropColumn(
                name: "ReportedVerifiedName",
                table: "BusinessProfiles");
        }
    }
}
