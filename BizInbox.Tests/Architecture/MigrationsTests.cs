using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BizInbox.Tests.Architecture;

/// <summary>Each provider's migrations match the shared model; no server is needed to check that.</summary>
public class MigrationsTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres", "SqlServer"];

    private static BizInboxDbContext Create(string provider) => provider switch
    {
        "Sqlite" => new SqliteDesignTimeFactory().CreateDbContext([]),
        "Postgres" => new PostgresDesignTimeFactory().CreateDbContext([]),
        "SqlServer" => new SqlServerDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_CoverTheWholeModel(string provider)
    {
        using var db = Create(provider);

        db.Database.GetMigrations().ShouldNotBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse(
            $"the model changed without a {provider} migration: run 'dotnet ef migrations add <Name> --project BizInbox.Web " +
            $"--context {provider}BizInboxDbContext --output-dir Data/Migrations/{provider}'");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void EachProvider_HasItsOwnMigrations(string provider)
    {
        using var db = Create(provider);

        var migrationsNamespace = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>()
            .Migrations.Values.Select(t => t.Namespace).Distinct().ShouldHaveSingleItem();
        migrationsNamespace.ShouldBe($"BizInbox.Web.Data.Migrations.{provider}");
    }
}
