using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportDurationDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportDurationDays",
                columns: table => new
                {
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    FromSlot = table.Column<long>(type: "INTEGER", nullable: false),
                    ToSlot = table.Column<long>(type: "INTEGER", nullable: false),
                    InboxId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgentId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    Seconds = table.Column<byte[]>(type: "BLOB", nullable: false),
                    BusinessSeconds = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDurationDays", x => new { x.Kind, x.FromSlot, x.ToSlot, x.InboxId, x.AgentId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportDurationDays");
        }
    }
}
