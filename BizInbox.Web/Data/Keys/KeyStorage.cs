using BizInbox.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Data.Keys;

public enum KeyProtection
{
    None,
    Certificate,
    Dpapi,
}

/// <summary>Where this installation's data-protection keys live (the directory also for a store that imports from it) and how they are encrypted.</summary>
public sealed record KeyStorage(KeyStore Store, string Directory, KeyProtection Protection)
{
    public string Describe() => Store == KeyStore.Database ? "the database" : $"the directory {Directory}";
}

public static class KeyStorageExtensions
{
    /// <summary>
    /// Data protection signs cookies and antiforgery tokens and encrypts stored secrets; every server of an
    /// installation must read the same keys, so a server database keeps them (see README, Security).
    /// </summary>
    public static IServiceCollection AddKeyStorage<TContext>(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, DatabaseProvider provider, string dataDirectory)
        where TContext : DbContext, IDataProtectionKeyContext
    {
        var options = configuration.GetSection(KeyStoreOptions.Section).Get<KeyStoreOptions>() ?? new KeyStoreOptions();
        // Several servers (Redis configured) read the keys from the database they share, whatever its provider.
        var severalServers = !string.IsNullOrWhiteSpace(configuration[$"{Realtime.Servers.RedisSettings.Section}:Configuration"]);
        var store = options.KeyStore != KeyStore.Auto ? options.KeyStore
            : provider == DatabaseProvider.Sqlite && !severalServers ? KeyStore.Directory : KeyStore.Database;
        var ownDirectory = string.IsNullOrWhiteSpace(options.KeyDirectory);
        var directory = ownDirectory
            ? Path.Combine(dataDirectory, "keys")
            : Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.KeyDirectory!));

        var builder = services.AddDataProtection().SetApplicationName("BizInbox");
        if (store == KeyStore.Database)
        {
            builder.PersistKeysToDbContext<TContext>();
        }
        else
        {
            builder.PersistKeysToFileSystem(new DirectoryInfo(directory));
        }

        var protection = Protect(builder, options.Certificate, thisMachineOnly: store == KeyStore.Directory && ownDirectory);
        services.AddSingleton(new KeyStorage(store, directory, protection));
        services.AddSingleton<DirectoryKeyImport>();
        services.AddHostedService<UnencryptedKeysWarning>();
        return services;
    }

    private static KeyProtection Protect(IDataProtectionBuilder builder, KeyCertificateOptions options, bool thisMachineOnly)
    {
        var certificates = KeyCertificates.Load(options);
        if (certificates.Count > 0)
        {
            builder.ProtectKeysWithCertificate(certificates[0]);
            builder.UnprotectKeysWithAnyCertificate([.. certificates]);
            return KeyProtection.Certificate;
        }

        // DPAPI binds the keys to this machine: right for its own directory, fatal for keys other servers read.
        if (OperatingSystem.IsWindows() && thisMachineOnly)
        {
            builder.ProtectKeysWithDpapi();
            return KeyProtection.Dpapi;
        }

        return KeyProtection.None;
    }
}

/// <summary>
/// An installation moving from the directory store to the database (an existing PostgreSQL or SQL Server one, on
/// its first start with this version) brings its keys along once: sign-ins and encrypted secrets stay readable.
/// Runs after the migrations; a missing table (migrations not applied) stops start-up with the database's message.
/// </summary>
public sealed class DirectoryKeyImport(KeyStorage storage, ILogger<DirectoryKeyImport> logger)
{
    public async Task RunAsync(BizInboxDbContext db, CancellationToken ct)
    {
        if (storage.Store != KeyStore.Database)
        {
            return;
        }

        var files = Directory.Exists(storage.Directory) ? Directory.GetFiles(storage.Directory, "*.xml") : [];
        if (await db.DataProtectionKeys.AnyAsync(ct) || files.Length == 0)
        {
            return;
        }

        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = await File.ReadAllTextAsync(file, ct),
            });
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Copied {Count} data-protection key(s) from {Directory} into the database", files.Length, storage.Directory);
    }
}

/// <summary>Says once per start, in production, when the keys lie unencrypted in their store.</summary>
internal sealed class UnencryptedKeysWarning(KeyStorage storage, IHostEnvironment environment, ILogger<UnencryptedKeysWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.Protection == KeyProtection.None && environment.IsProduction())
        {
            logger.LogWarning(
                "Data-protection keys are not encrypted at rest: only the permissions of {Store} protect them. " +
                "Set DataProtection:Certificate:Path to encrypt them (README, Security).",
                storage.Describe());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
