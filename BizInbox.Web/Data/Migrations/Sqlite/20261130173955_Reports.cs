using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PeriodAnswered",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "PeriodFirstMessageAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PeriodStartedAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "ReportFacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    InboxId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgentId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AtTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    Seconds = table.Column<double>(type: "REAL", nullable: true),
                    BusinessSeconds = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportFacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportFacts_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstResponseTarget = table.Column<long>(type: "INTEGER", nullable: false),
                    ReplyTarget = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolutionTarget = table.Column<long>(type: "INTEGER", nullable: false),
                    BackfilledAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportFacts_ConversationId",
                table: "ReportFacts",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportFacts_Kind_AtTicks_InboxId_AgentId_ConversationId_Seconds_BusinessSeconds",
                table: "ReportFacts",
                columns: new[] { "Kind", "AtTicks", "InboxId", "AgentId", "ConversationId", "Seconds", "BusinessSeconds" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportFacts");

            migrationBuilder.DropTable(
                name: "ReportSettings");

            migrationBuilder.DropColumn(
                name: "PeriodAnswered",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "PeriodFirstMessageAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "PeriodStartedAt",
                table: "Conversations");
        }
    }
}
