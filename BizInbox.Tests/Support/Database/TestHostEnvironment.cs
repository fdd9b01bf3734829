using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace BizInbox.Tests.Support.Database;

/// <summary>The host environment the app's registrations need outside a host: only its content root matters.</summary>
public sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Test";

    public string ApplicationName { get; set; } = "BizInbox.Web";

    public string ContentRootPath { get; set; } = contentRoot;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
