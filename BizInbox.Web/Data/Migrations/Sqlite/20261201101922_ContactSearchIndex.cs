using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BizInbox.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContactSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Contacts get an FTS table of their own, over a view of the contact documents (so that 'rebuild' and
            // 'integrity-check' see contacts only): a word in many messages then costs the contact match nothing.
            migrationBuilder.Sql("CREATE VIEW ContactSearchDocuments AS SELECT Id, Text FROM SearchDocuments WHERE Kind = 1;");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE ContactSearchIndex USING fts5(Text, content='ContactSearchDocuments', content_rowid='Id', tokenize='unicode61', prefix='2 3');");
            migrationBuilder.Sql("INSERT INTO ContactSearchIndex(ContactSearchIndex) VALUES ('rebuild');");
            migrationBuilder.Sql("CREATE TRIGGER SearchDocuments_Contact_AfterInsert AFTER INSERT ON SearchDocuments WHEN new.Kind = 1 BEGIN INSERT INTO ContactSearchIndex(rowid, Text) VALUES (new.Id, new.Text); END;");
            migrationBuilder.Sql("CREATE TRIGGER SearchDocuments_Contact_AfterDelete AFTER DELETE ON SearchDocuments WHEN old.Kind = 1 BEGIN INSERT INTO ContactSearchIndex(ContactSearchIndex, rowid, Text) VALUES ('delete', old.Id, old.Text); END;");
            migrationBuilder.Sql("CREATE TRIGGER SearchDocuments_Contact_AfterUpdate AFTER UPDATE ON SearchDocuments WHEN old.Kind = 1 BEGIN INSERT INTO ContactSearchIndex(ContactSearchIndex, rowid, Text) VALUES ('delete', old.Id, old.Text); INSERT INTO ContactSearchIndex(rowid, Text) VALUES (new.Id, new.Text); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS SearchDocuments_Contact_AfterUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS SearchDocuments_Contact_AfterDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS SearchDocuments_Contact_AfterInsert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ContactSearchIndex;");
            migrationBuilder.Sql("DROP VIEW IF EXISTS ContactSearchDocuments;");
        }
    }
}
