using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReportFacts_Kind_AtTicks_InboxId_AgentId_ConversationId_Sec~",
                table: "ReportFacts");

            migrationBuilder.AddColumn<long>(
                name: "Slot",
                table: "ReportFacts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // The quarter hour of every fact recorded so far (ReportFact.SlotTicks = 9,000,000,000 ticks).
            migrationBuilder.Sql("UPDATE \"ReportFacts\" SET \"Slot\" = \"AtTicks\" / 9000000000;");

            migrationBuilder.CreateIndex(
                name: "IX_ReportFacts_Kind_Slot",
                table: "ReportFacts",
                columns: new[] { "Kind", "Slot", "AgentId", "InboxId", "AtTicks", "ConversationId", "Seconds", "BusinessSeconds" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReportFacts_Kind_Slot",
                table: "ReportFacts");

            migrationBuilder.DropColumn(
                name: "Slot",
                table: "ReportFacts");

            migrationBuilder.CreateIndex(
                name: "IX_ReportFacts_Kind_AtTicks_InboxId_AgentId_ConversationId_Sec~",
                table: "ReportFacts",
                columns: new[] { "Kind", "AtTicks", "InboxId", "AgentId", "ConversationId", "Seconds", "BusinessSeconds" });
        }
    }
}
