using BizInbox.Tests.Support.Database;
using BizInbox.Web;
using BizInbox.Web.Servers;

namespace BizInbox.Tests.Servers;

public sealed class ServerIdentityTests : IDisposable
{
    private readonly string _directory = ScratchDirectory.Create("bizinbox-server-id-");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WithoutASetting_TheIdIsMadeFromTheMachineName_AndKeptInTheDataDirectory_SoARestartKeepsIt()
    {
        var data = Path.Combine(_directory, "data");

        var first = ServerIdentity.Resolve(new ServerOptions(), data);
        var afterRestart = ServerIdentity.Resolve(new ServerOptions(), data);
        var otherServer = ServerIdentity.Resolve(new ServerOptions(), Path.Combine(_directory, "other"));

        first.Id.ShouldStartWith(Environment.MachineName + "-");
        first.Id.Length.ShouldBe(Environment.MachineName.Length + 13);
        File.ReadAllText(Path.Combine(data, "server-id")).ShouldBe(first.Id);
        afterRestart.ShouldBe(first);
        otherServer.ShouldNotBe(first);
    }

    [Fact]
    public void TheSetting_NamesTheServer_AndATooLongOneStopsStartUp()
    {
        ServerIdentity.Resolve(new ServerOptions { Id = " app-1 " }, _directory).Id.ShouldBe("app-1");
        File.Exists(Path.Combine(_directory, "server-id")).ShouldBeFalse();
        Should.Throw<StartupException>(() => ServerIdentity.Resolve(new ServerOptions { Id = new string('x', 201) }, _directory));
    }
}
