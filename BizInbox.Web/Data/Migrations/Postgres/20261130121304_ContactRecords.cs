using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContactRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Company",
                table: "Contacts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Contacts",
                type: "character varying(35)",
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "Contacts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Existing contacts get their sort and search key (new ones get it from the domain, which also lowers non-ASCII letters).
            migrationBuilder.Sql("UPDATE \"Contacts\" SET \"SearchName\" = lower(\"Name\");");

            migrationBuilder.CreateTable(
                name: "ContactNotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactNotes_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ContactNotes_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_CreatedAt_Id_SearchName_Email_Phone",
                table: "Contacts",
                columns: new[] { "CreatedAt", "Id", "SearchName", "Email", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_LastSeenAt_Id_SearchName_Email_Phone",
                table: "Contacts",
                columns: new[] { "LastSeenAt", "Id", "SearchName", "Email", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SearchName_Id_Email_Phone",
                table: "Contacts",
                columns: new[] { "SearchName", "Id", "Email", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactNotes_AuthorId",
                table: "ContactNotes",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactNotes_ContactId_CreatedAt",
                table: "ContactNotes",
                columns: new[] { "ContactId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactNotes");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_CreatedAt_Id_SearchName_Email_Phone",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_LastSeenAt_Id_SearchName_Email_Phone",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SearchName_Id_Email_Phone",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "Company",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "Contacts");
        }
    }
}
