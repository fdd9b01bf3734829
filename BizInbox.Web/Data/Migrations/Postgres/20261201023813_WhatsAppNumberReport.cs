using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedMessagingLimitTier",
                table: "BusinessProfiles",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedNameStatus",
                table: "BusinessProfiles",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedNewName",
                table: "BusinessProfiles",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedNewNameStatus",
                table: "BusinessProfiles",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ReportedOfficialBusinessAccount",
                table: "BusinessProfiles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ReportedQualityRating",
                table: "BusinessProfiles",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedVerifiedName",
                table: "BusinessProfiles",
                type: "character varying(120)",
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
