using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: true),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SearchDocuments_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SearchDocuments_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_ContactId",
                table: "SearchDocuments",
                column: "ContactId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_ConversationId_CreatedAt",
                table: "SearchDocuments",
                columns: new[] { "ConversationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_Kind_CreatedAt",
                table: "SearchDocuments",
                columns: new[] { "Kind", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_MessageId",
                table: "SearchDocuments",
                column: "MessageId",
                unique: true);

            // Full text: an FTS5 index over the folded text, kept in step with the table by triggers (the documents'
            // text is folded in C#, so the tokenizer only has to split on spaces). The app indexes existing rows at start.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE SearchIndex USING fts5(Text, content='SearchDocuments', content_rowid='Id', tokenize='unicode61', prefix='2 3');");
            migrationBuilder.Sql("CREATE TRIGGER SearchDocuments_AfterInsert AFTER INSERT ON SearchDocuments BEGIN INSERT INTO SearchIndex(rowid, Text) VALUES (new.Id, new.Text); END;");
            migrationBuilder.Sql("CREATE TRIGGER SearchDocuments_AfterDelete AFTER DELETE ON SearchDocuments BEGIN INSERT INTO SearchIndex(SearchIndex, rowid, Text) VALUES ('delete', old.Id, old.Text); END;");
            migrationBuilder.Sql("CREATE TRIGGER SearchDocuments_AfterUpdate AFTER UPDATE ON SearchDocuments BEGIN INSERT INTO SearchIndex(SearchIndex, rowid, Text) VALUES ('delete', old.Id, old.Text); INSERT INTO SearchIndex(rowid, Text) VALUES (new.Id, new.Text); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS SearchDocuments_AfterUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS SearchDocuments_AfterDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS SearchDocuments_AfterInsert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS SearchIndex;");

            migrationBuilder.DropTable(
                name: "SearchDocuments");
        }
    }
}
