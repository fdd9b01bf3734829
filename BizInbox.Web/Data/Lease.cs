namespace BizInbox.Web.Data;

/// <summary>
/// A named lease of the installation: the server that holds it (<see cref="Holder"/>) does the work it names until
/// <see cref="Until"/>; after that any server may take it.
/// </summary>
public sealed class Lease
{
    /// <summary>The longest holder a lease, or a claimed job, can name: a server id.</summary>
    public const int HolderMaxLength = 200;

    private Lease()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public string Holder { get; private set; } = string.Empty;

    public DateTimeOffset Until { get; private set; }

    public static Lease Taken(string name, string holder, DateTimeOffset until) => new() { Name = name, Holder = holder, Until = until };
}
