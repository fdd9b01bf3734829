using System.Diagnostics;
using System.Net;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Http;

/// <summary>Starts the real app as an operator would: on an empty data directory, or with a database it cannot use.</summary>
public class StartupTests
{
    [Fact]
    public async Task EmptyDataDirectory_GetsAMigratedSqliteDatabase_AtStartup()
    {
        using var app = new AppFactory { StartsOnEmptyDataDirectory = true };
        Directory.EnumerateFileSystemEntries(app.DataDirectory).ShouldBeEmpty();

        var ready = await app.CreateClient().GetAsync("/health/ready");

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        db.Database.GetDbConnection().DataSource.ShouldStartWith(app.DataDirectory);
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
        (await db.Roles.CountAsync()).ShouldBe(3);
    }

    [Theory]
    [InlineData("SqlServer", "Server=127.0.0.1,1;Database=bizinbox;Connect Timeout=3;TrustServerCertificate=True", "SqlServer database")]
    [InlineData("Postgres", "Host=127.0.0.1;Port=1;Database=bizinbox;Username=bizinbox;Timeout=3", "Postgres database")]
    [InlineData("Postgres", "", "Database:ConnectionString is required")]
    public async Task UnusableDatabase_StopsWithOneClearLine_NotAStackTrace(string provider, string connectionString, string expected)
    {
        var (exitCode, output) = await RunAppAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = provider,
            ["Database__ConnectionString"] = connectionString,
        });

        exitCode.ShouldBe(1);
        output.ShouldContain("BizInbox cannot start:");
        output.ShouldContain(expected);
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task AKeyCertificateThatCannotBeRead_StopsWithOneClearLine()
    {
        var (exitCode, output) = await RunAppAsync(new Dictionary<string, string>
        {
            ["DataProtection__Certificate__Path"] = "/nonexistent/keys.pfx",
        });

        exitCode.ShouldBe(1);
        output.ShouldContain("BizInbox cannot start: DataProtection:Certificate:Path names no readable file ('/nonexistent/keys.pfx').");
        output.ShouldNotContain("   at ");
    }

    private static async Task<(int ExitCode, string Output)> RunAppAsync(Dictionary<string, string> environment)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("bizinbox-startup-").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "BizInbox.Web.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Building the EF model alone takes half a minute on a loaded 2-core machine: the limit only catches an app that never stops.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app kept running although its database is unusable.");
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
