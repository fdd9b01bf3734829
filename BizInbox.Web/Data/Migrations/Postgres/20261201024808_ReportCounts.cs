using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportCounts",
                columns: table => new
                {
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Slot = table.Column<long>(type: "bigint", nullable: false),
                    InboxId = table.Column<int>(type: "integer", nullable: false),
                    AgentId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportCounts", x => new { x.Kind, x.Slot, x.InboxId, x.AgentId });
                });

            // The rollup of the facts recorded so far (opened, reopened, resolved, messages in and out); from now on each
            // save adds its own (ReportCountRollup).
            migrationBuilder.Sql("""
                INSERT INTO "ReportCounts" ("Kind", "Slot", "InboxId", "AgentId", "Count")
                SELECT "Kind", "Slot", "InboxId", COALESCE("AgentId", ''), COUNT(*) FROM "ReportFacts"
                WHERE "Kind" IN (1, 2, 3, 6, 7)
                GROUP BY "Kind", "Slot", "InboxId", COALESCE("AgentId", '')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportCounts");
        }
    }
}
