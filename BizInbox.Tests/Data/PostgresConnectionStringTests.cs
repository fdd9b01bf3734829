using BizInbox.Web.Data;
using Npgsql;

namespace BizInbox.Tests.Data;

/// <summary>The app prepares PostgreSQL's repeated statements unless the connection string decides.</summary>
public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void WithoutASetting_StatementsArePreparedAutomatically()
    {
        var built = new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.PostgresConnectionString("Host=db;Database=bizinbox;Username=app"));

        built.MaxAutoPrepare.ShouldBe(DataServiceCollectionExtensions.PostgresAutoPrepared);
        (built.Host, built.Database, built.Username).ShouldBe(("db", "bizinbox", "app"));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;maxautoprepare=20")]
    public void ASettingInTheConnectionString_IsKept(string given) =>
        DataServiceCollectionExtensions.PostgresConnectionString(given).ShouldBe(given);
}
