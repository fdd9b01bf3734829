using BizInbox.Tests.Http.Accounts;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BizInbox.Tests.Http.Security;

/// <summary>Several servers on one PostgreSQL database read the same data-protection keys, encrypted when a certificate is configured.</summary>
[Collection(PostgresTests.Name)]
public sealed class SharedKeyStorageTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string Unencrypted = "not encrypted at rest";
    private readonly List<AppFactory> _servers = [];
    private readonly string _certificates = ScratchDirectory.Create("bizinbox-certs-");
    private string _database = default!;

    public async Task InitializeAsync() => _database = await postgres.CreateMigratedDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await postgres.DropDatabaseAsync(_database);
        Directory.Delete(_certificates, recursive: true);
    }

    [Fact]
    public async Task ASignInOnOneServer_IsValidOnAnother_ThroughTheKeysInTheDatabase()
    {
        var logs = new CapturedLogs();
        var first = Server(logs);
        await first.CompleteSetupAsync();
        var browser = await SignedInAsync(first);

        var second = Server();

        (await AccountBrowser.IsSignedInAsync(AccountBrowser.WithStolenCookie(second, browser.AuthCookieValue!))).ShouldBeTrue();
        (await KeysAsync()).ShouldNotBeEmpty();
        Directory.Exists(Path.Combine(first.DataDirectory, "keys")).ShouldBeFalse();
        logs.Lines.ShouldContain(l => l.Text.Contains(Unencrypted) && l.Text.Contains("the database"));
    }

    [Fact]
    public async Task WithACertificate_TheKeysAreEncrypted_AndOnlyServersHoldingItReadThem()
    {
        var first = TestCertificates.WritePfx(_certificates, "first");
        var (second, secondKey) = TestCertificates.WritePemPair(_certificates, "second");
        var logs = new CapturedLogs();
        var server = Server(logs, ("DataProtection:Certificate:Path", first), ("DataProtection:Certificate:Password", TestCertificates.Password));
        await server.CompleteSetupAsync();
        var cookie = (await SignedInAsync(server)).AuthCookieValue!;

        var keys = await KeysAsync();
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(xml => xml.Contains("encryptedSecret") && !xml.Contains("<value>"));
        logs.AllText.ShouldNotContain(Unencrypted);

        var withoutCertificate = Server();
        (await AccountBrowser.IsSignedInAsync(AccountBrowser.WithStolenCookie(withoutCertificate, cookie))).ShouldBeFalse();

        // A rotation: new keys go to the second certificate, the first still decrypts the keys it encrypted.
        var rotated = Server(
            ("DataProtection:Certificate:Path", second),
            ("DataProtection:Certificate:KeyPath", secondKey),
            ("DataProtection:Certificate:Previous:0:Path", first),
            ("DataProtection:Certificate:Previous:0:Password", TestCertificates.Password));
        (await AccountBrowser.IsSignedInAsync(AccountBrowser.WithStolenCookie(rotated, cookie))).ShouldBeTrue();
    }

    [Fact]
    public async Task KeysOfAnInstallationThatKeptThemInItsDirectory_AreCopiedIntoTheDatabase_AtItsFirstStart()
    {
        var before = Server(null, ("DataProtection:KeyStore", "Directory"));
        await before.CompleteSetupAsync();
        var cookie = (await SignedInAsync(before)).AuthCookieValue!;
        var directory = Path.Combine(before.DataDirectory, "keys");
        (await KeysAsync()).ShouldBeEmpty();

        var after = Server(null, ("DataProtection:KeyDirectory", directory));

        (await AccountBrowser.IsSignedInAsync(AccountBrowser.WithStolenCookie(after, cookie))).ShouldBeTrue();
        (await KeysAsync()).Count.ShouldBe(Directory.GetFiles(directory, "*.xml").Length);
    }

    private AppFactory Server(params (string Key, string Value)[] settings) => Server(null, settings);

    private AppFactory Server(CapturedLogs? logs, params (string Key, string Value)[] settings)
    {
        var server = new AppFactory { PostgresConnectionString = _database, TestServices = logs is null ? null : logs.AddTo };
        foreach (var (key, value) in settings)
        {
            server.Settings[key] = value;
        }

        _servers.Add(server);
        return server;
    }

    private static async Task<AccountBrowser> SignedInAsync(AppFactory server)
    {
        var browser = new AccountBrowser(server);
        (await Forms.SignInAsync(browser.Client, AppFactory.OwnerEmail, AppFactory.Password)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        browser.AuthCookieValue.ShouldNotBeNull();
        return browser;
    }

    private async Task<List<string>> KeysAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Xml" FROM "DataProtectionKeys" """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}

public sealed class SqliteKeyStorageTests
{
    [Fact]
    public async Task OnSqlite_TheKeysStayInTheDataDirectory_AndAProductionStartSaysTheyAreUnencrypted()
    {
        var logs = new CapturedLogs();
        using var app = new AppFactory { TestServices = logs.AddTo };

        (await app.CreateClient().GetAsync("/account/login")).EnsureSuccessStatusCode();

        Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "*.xml").ShouldNotBeEmpty();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        (await db.DataProtectionKeys.CountAsync()).ShouldBe(0);
        logs.Lines.Count(l => l.Text.Contains("not encrypted at rest")).ShouldBe(1);
        logs.AllText.ShouldContain(Path.Combine(app.DataDirectory, "keys"));
    }
}
