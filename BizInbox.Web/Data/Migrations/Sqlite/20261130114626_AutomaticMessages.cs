using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AutomaticMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Automatic",
                table: "Messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AutomaticMessages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    GreetingEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    GreetingText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    GreetingAgainAfterHours = table.Column<int>(type: "INTEGER", nullable: true),
                    AwayEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AwayText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AutomaticMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AutomaticMessages_Businesses_Id",
                        column: x => x.Id,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AutomaticMessages");

            migrationBuilder.DropColumn(
                name: "Automatic",
                table: "Messages");
        }
    }
}
