namespace BizInbox.Web.Servers;

/// <summary>The "Server" configuration section.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>This server's name in outbox claims and leases; empty = the machine name and an id kept in the data directory.</summary>
    public string? Id { get; set; }
}

/// <summary>
/// Who this server is, among the servers of one installation: the name it writes into the outbox jobs it claims and the
/// leases it holds. It must stay the same across restarts (so a restarting server recovers its own claims) and differ
/// between servers.
/// </summary>
public sealed record ServerIdentity(string Id)
{
    public const int MaxLength = 200;

    /// <summary>
    /// The configured id, or the machine name with a random part kept in <c>{data directory}/server-id</c>: stable across
    /// restarts, and different on another machine even when a data directory was copied there.
    /// </summary>
    public static ServerIdentity Resolve(ServerOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.Id))
        {
            var id = options.Id.Trim();
            return id.Length <= MaxLength ? new ServerIdentity(id) : throw new StartupException($"Server:Id is longer than {MaxLength} characters.");
        }

        var file = Path.Combine(dataDirectory, "server-id");
        string suffix;
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } saved)
        {
            suffix = saved.Length <= 64 ? saved : saved[..64];
        }
        else
        {
            suffix = Guid.NewGuid().ToString("N")[..12];
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(file, suffix);
        }

        var machine = Environment.MachineName;
        return new ServerIdentity($"{machine[..Math.Min(machine.Length, MaxLength - suffix.Length - 1)]}-{suffix}");
    }
}
