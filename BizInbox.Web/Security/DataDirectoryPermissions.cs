using System.Runtime.InteropServices;

namespace BizInbox.Web.Security;

/// <summary>
/// The data directory holds the database, customers' media and the keys that sign cookies: on Unix only the app's
/// user may read it. New files get that from the process's file mode mask; existing ones are tightened at start-up.
/// </summary>
internal static partial class DataDirectoryPermissions
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Files and directories this process creates from now on are for its own user only (umask 077).</summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetUmask(Convert.ToUInt32("077", 8));
        }
    }

    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode);
        File.SetUnixFileMode(path, DirectoryMode);
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is null)
            {
                entry.UnixFileMode = entry is DirectoryInfo ? DirectoryMode : FileMode;
            }
        }
    }

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);
}
