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
    public const int MaxLength = Data.Lease.HolderMaxLength;

    /// <summary>
    /// The configured id, or the one kept in <c>{data directory}/server-id</c>: made at first start from the machine name
    /// and a random part, and kept, so that a restart (also in a container whose host name changes) is the same server.
    /// </summary>
    public static ServerIdentity Resolve(ServerOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.Id))
        {
            return Checked(options.Id.Trim(), "Server:Id");
        }

        var file = Path.Combine(dataDirectory, "server-id");
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } saved)
        {
            return Checked(saved, file);
        }

        var machine = Environment.MachineName;
        var id = $"{machine[..Math.Min(machine.Length, 100)]}-{Guid.NewGuid().ToString("N")[..12]}";
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(file, id);
        return new ServerIdentity(id);
    }

    private static ServerIdentity Checked(string id, string source) =>
        id.Length <= MaxLength ? new ServerIdentity(id) : throw new StartupException($"The server id in {source} is longer than {MaxLength} characters.");
}
