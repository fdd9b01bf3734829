using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PeriodFirstMessageAt",
                table: "Conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PeriodStartedAt",
                table: "Conversations",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "ReportFacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ConversationId = table.Column<long>(type: "bigint", nullable: false),
                    InboxId = table.Column<int>(type: "integer", nullable: false),
                    AgentId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AtTicks = table.Column<long>(type: "bigint", nullable: false),
                    Seconds = table.Column<double>(type: "double precision", nullable: true),
                    BusinessSeconds = table.Column<double>(type: "double precision", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false),
                    FirstResponseTarget = table.Column<long>(type: "bigint", nullable: false),
                    ReplyTarget = table.Column<long>(type: "bigint", nullable: false),
                    ResolutionTarget = table.Column<long>(type: "bigint", nullable: false),
                    BackfilledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                name: "IX_ReportFacts_Kind_AtTicks_InboxId_AgentId_ConversationId_Sec~",
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
