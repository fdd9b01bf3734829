using BizInbox.Tests.Support.Database;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("BizInbox.Tests.Support.Database.PostgresFirstCollectionOrderer", "BizInbox.Tests")]

namespace BizInbox.Tests.Support.Database;

/// <summary>
/// Starts the "postgres" collection first. xUnit runs as many collections at a time as there are cores, and the
/// PostgreSQL tests are one long collection that runs its classes one after another (they share one server):
/// started late, it went on alone on one core for about a minute after everything else had finished.
/// </summary>
public sealed class PostgresFirstCollectionOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == PostgresTests.Name ? 0 : 1);
}
