using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ContactMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContactMerges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SurvivorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LoserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LoserName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    MergedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Record = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactMerges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DuplicateDismissals",
                columns: table => new
                {
                    FirstId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SecondId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DismissedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuplicateDismissals", x => new { x.FirstId, x.SecondId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactMerges_MergedAt",
                table: "ContactMerges",
                column: "MergedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ContactMerges_SurvivorId",
                table: "ContactMerges",
                column: "SurvivorId");

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateDismissals_SecondId",
                table: "DuplicateDismissals",
                column: "SecondId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactMerges");

            migrationBuilder.DropTable(
                name: "DuplicateDismissals");
        }
    }
}
