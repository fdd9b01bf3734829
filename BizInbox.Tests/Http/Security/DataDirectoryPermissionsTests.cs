using BizInbox.Web.Security;

namespace BizInbox.Tests.Http.Security;

public sealed class DataDirectoryPermissionsTests
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task TheDatabaseAndTheKeys_AreReadableByTheAppsUserOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        using var app = new AppFactory { StartsOnEmptyDataDirectory = true };
        File.SetUnixFileMode(app.DataDirectory, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        // The sign-in page's antiforgery token makes the app write its first data-protection key.
        (await app.CreateClient().GetAsync("/account/login")).EnsureSuccessStatusCode();

        File.GetUnixFileMode(app.DataDirectory).ShouldBe(OwnerOnlyDirectory);
        File.GetUnixFileMode(Path.Combine(app.DataDirectory, "bizinbox.db")).ShouldBe(OwnerOnlyFile);
        File.GetUnixFileMode(Path.Combine(app.DataDirectory, "keys")).ShouldBe(OwnerOnlyDirectory);
        Directory.GetFiles(Path.Combine(app.DataDirectory, "keys")).ShouldNotBeEmpty();
        foreach (var key in Directory.GetFiles(Path.Combine(app.DataDirectory, "keys")))
        {
            File.GetUnixFileMode(key).ShouldBe(OwnerOnlyFile);
        }
    }

    [Fact]
    public void AnExistingDataDirectory_IsTightened()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        var root = Directory.CreateTempSubdirectory("bizinbox-modes-").FullName;
        try
        {
            var media = Directory.CreateDirectory(Path.Combine(root, "media", "2026")).FullName;
            var picture = Path.Combine(media, "picture");
            File.WriteAllText(picture, "bytes");
            File.SetUnixFileMode(media, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(picture, (UnixFileMode)0b110_100_100);

            DataDirectoryPermissions.Restrict(root);

            File.GetUnixFileMode(media).ShouldBe(OwnerOnlyDirectory);
            File.GetUnixFileMode(picture).ShouldBe(OwnerOnlyFile);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
